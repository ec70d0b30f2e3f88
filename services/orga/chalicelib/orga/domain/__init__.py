"""The rules of Pix Orga, in pure Python: no AWS, no database, no HTTP."""
