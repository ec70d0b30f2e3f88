"""File adapters for student imports: SIECLE XML or ZIP, agricultural CSV."""
