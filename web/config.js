// Where the four APIs answer. Locally `pixcert up` serves them beside these pages (same origin).
// In production CloudFront answers this file itself, from the stack's parameters
// (infra/web_hosting.py), so the same files run in every stage.
export const apis = { orga: "/orga", certif: "/certif", engine: "/engine", jury: "/jury" };
