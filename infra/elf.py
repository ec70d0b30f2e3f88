"""Reading what a compiled extension needs: its machine, libraries and glibc versions."""

from __future__ import annotations

import re
import struct


def elf_dependencies(data: bytes) -> tuple[int, list[str], list[tuple[int, int]]] | None:
    """(machine, DT_NEEDED libraries, GLIBC versions required) of a 64-bit little-endian ELF."""
    if data[:4] != b"\x7fELF" or data[4:6] != b"\x02\x01":
        return None
    machine = struct.unpack_from("<H", data, 18)[0]
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    entsize, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * entsize) for i in range(count)]

    def text(section: int, offset: int) -> str:
        start = sections[section][4] + offset
        return data[start : data.index(b"\0", start)].decode()

    needed, versions = [], []
    for _, kind, _, _, offset, size, link, info, _, _ in sections:
        if kind == 6:  # SHT_DYNAMIC
            for pos in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, pos)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    needed.append(text(link, value))
        elif kind == 0x6FFFFFFE:  # SHT_GNU_verneed
            pos = offset
            for _ in range(info):
                _, aux_count, _, aux, step = struct.unpack_from("<HHIII", data, pos)
                aux_pos = pos + aux
                for _ in range(aux_count):
                    _, _, _, name, aux_step = struct.unpack_from("<IHHII", data, aux_pos)
                    found = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(\.\d+)?", text(link, name))
                    if found:
                        versions.append((int(found[1]), int(found[2])))
                    aux_pos += aux_step
                pos += step
    return machine, needed, versions
