"""The sample bank's computed questions: levels 1 to 8 of three tubes whose answers are numbers
(or a word) worked out from random values, drawn from the generator's seeded sequence."""

from __future__ import annotations

import random


def _spreadsheet(level: int, rng: random.Random) -> tuple[str, int | str]:
    a, b, c, d = (rng.randint(2, 19) for _ in range(4))
    values = [rng.randint(2, 19) for _ in range(6)]
    cells = ", ".join(f"A{i} = {v}" for i, v in enumerate(values, 1))
    mean = [a, b, c, 4 * a - a - b - c] if 4 * a - a - b - c > 0 else [a, a, a, a]
    return {
        1: (f"A1 contient {a} et A2 contient {b}. Qu'affiche la formule =A1+A2 ?", a + b),
        2: (f"A1, A2 et A3 contiennent {a}, {b} et {c}. Que renvoie =SOMME(A1:A3) ?", a + b + c),
        3: (f"A1 à A4 contiennent {', '.join(map(str, mean))}. Que renvoie =MOYENNE(A1:A4) ?", a),
        4: (
            f"A1 à A4 contiennent {a}, {b}, {c} et {d}. Que renvoie =MAX(A1:A4)-MIN(A1:A4) ?",
            max(a, b, c, d) - min(a, b, c, d),
        ),
        5: (
            f'A1 contient {a}. Que renvoie =SI(A1>=10;"admis";"ajourné") ?',
            "admis" if a >= 10 else "ajourné",
        ),
        6: (f'Avec {cells}, que renvoie =NB.SI(A1:A6;">=10") ?', sum(v >= 10 for v in values)),
        7: (
            f'Avec {cells}, que renvoie =SOMME.SI(A1:A6;"<10") ?',
            sum(v for v in values if v < 10),
        ),
        8: (
            f"A1:B3 contient les codes et les villes 69 Lyon, 44 Nantes, 59 Lille. "
            f"Que renvoie =RECHERCHEV({[69, 44, 59][a % 3]};A1:B3;2;FAUX) ?",
            ["Lyon", "Nantes", "Lille"][a % 3],
        ),
    }[level]


_PROGRAM = (
    ("x = x + {p}", lambda x, y, p: (x + p, y)),
    ("y = x * {p}", lambda x, y, p: (x, x * p)),
    ("x = y - x", lambda x, y, p: (y - x, y)),
    ("x, y = y, x", lambda x, y, p: (y, x)),
    ("x = x // {p}", lambda x, y, p: (x // p, y)),
    ("x = x % {p} + y", lambda x, y, p: (x % p + y, y)),
    ("if x > y:\n    x = x - y\nelse:\n    x = y - x", lambda x, y, p: (abs(x - y), y)),
    ("for i in range({p}):\n    x = x + i", lambda x, y, p: (x + p * (p - 1) // 2, y)),
)


def _program(level: int, rng: random.Random) -> tuple[str, int]:
    x, y = rng.randint(2, 9), 0
    lines = [f"x = {x}", f"y = {y}"]
    for text, step in _PROGRAM[:level]:
        p = rng.randint(2, 5)
        lines.append(text.format(p=p))
        x, y = step(x, y, p)
    code = "\n".join(lines)
    return f"Que vaut x à la fin de ce programme Python ?\n\n{code}", x


def _storage(level: int, rng: random.Random) -> tuple[str, int]:
    n, m = rng.randint(2, 9), rng.choice((2, 4, 5))
    return {
        1: (f"Un octet compte 8 bits. Combien de bits contiennent {n} octets ?", 8 * n),
        2: (f"Combien d'octets contiennent {n} kilooctets (1 ko = 1 000 octets) ?", 1000 * n),
        3: (f"Combien de mégaoctets contiennent {n} gigaoctets (1 Go = 1 000 Mo) ?", 1000 * n),
        4: (f"Combien de photos de {m} Mo tiennent au plus sur une clé de {n} Go ?", n * 1000 // m),
        5: (f"À {m} Mbit/s, combien de secondes faut-il pour télécharger {n * m} Mo ?", 8 * n),
        6: (f"Combien de kibioctets contiennent {n} mébioctets (1 Mio = 1 024 Kio) ?", 1024 * n),
        7: (
            f"Une vidéo occupe {m * 10} Mo par minute. Combien de minutes entières tiennent "
            f"sur {n} Go libres ?",
            n * 1000 // (m * 10),
        ),
        8: (
            f"Combien d'octets pèse une image non compressée de {n * 100} × {m * 100} pixels "
            f"codée sur 24 bits ?",
            n * 100 * m * 100 * 3,
        ),
    }[level]


COMPUTED = {"@formulesTableur": _spreadsheet, "@variables": _program, "@unitesStockage": _storage}
