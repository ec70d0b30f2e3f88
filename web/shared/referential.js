// The 5 areas and 16 competences (names), read once per tab.
import { call } from "./api.js";

const KEY = "pixcert.referential";

export async function referential() {
  const saved = sessionStorage.getItem(KEY);
  if (saved) return JSON.parse(saved);
  const { areas } = await call("referential");
  const kept = areas.map((a) => ({
    code: a.code,
    name: a.name,
    competences: a.competences.map((c) => ({ code: c.code, name: c.name })),
  }));
  sessionStorage.setItem(KEY, JSON.stringify(kept));
  return kept;
}

export function competenceName(areas, code) {
  for (const area of areas) {
    const found = area.competences.find((c) => c.code === code);
    if (found) return found.name;
  }
  return code;
}
