#!/usr/bin/env python3
"""Identifier leak scan: no resident ID number and no generated name outside the warehouse's restricted zone.

Walks every file of the given paths (a warehouse root: everything but <root>/restricted/; or single files such as
the exports and the command logs) and looks at the bytes a reader of that file could get: plain files as they
are, .gz files unpacked, Parquet files page by page with their pages decompressed (UNCOMPRESSED, SNAPPY and GZIP
read here with the standard library only; a page in any other codec makes the scan fail as unreadable, never
silently skipped). Delta logs, checkpoints, run logs, lineage events, reports and exports are all just files.

Looks for
  - 18-character resident ID numbers (GB 11643: 17 digits and a check character by ISO 7064 MOD 11-2, a birth date
    that exists), standing alone or as the first 18 characters of a 20-character disability certificate number;
  - the names of the landing files: every value of a 姓名 column of the delimited extracts (UTF-8 or GBK).

A control (--control DIR, e.g. <warehouse>/restricted/bronze) is scanned the same way and must show both kinds
of identifier: it proves the decoding sees the values. Exit 0: no hit and the control sees both; 1: hits (listed
per file, masked); 2: unreadable files or a blind control.

usage: leak_scan.py --landing LANDING [--control DIR] PATH...
"""
import argparse
import csv
import datetime
import gzip
import io
import os
import re
import struct
import sys
import zlib

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
# an ID number alone, or the first 18 characters of a certificate number (ID + category 1-7 + grade 1-4)
ID_CANDIDATE = re.compile(rb"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx])(?:[1-7][1-4])?(?![0-9A-Za-z])")
CJK_RUN = re.compile("[\u3400-\u9fff]{2,}")
NAME_HEADERS = {"姓名"}
RESTRICTED = "restricted"


def valid_id_number(text):
    """The check character matches and the birth date exists."""
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], WEIGHTS))
    if CHECK_CHARACTERS[total % 11] != text[17].upper():
        return False
    try:
        birth = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return datetime.date(1880, 1, 1) <= birth <= datetime.date.today()


# ---- landing names -------------------------------------------------------------------------------------------

def landing_names(landing):
    """Every value of a 姓名 column in the landing's delimited files (the generator's _generator/ holds none)."""
    names = set()
    files = 0
    for folder, _, entries in os.walk(landing):
        for entry in sorted(entries):
            path = os.path.join(folder, entry)
            if not re.search(r"\.(csv|txt)(\.gz)?$", entry):
                continue
            data = read_plain(path)
            text = None
            for encoding in ("utf-8-sig", "gbk"):
                try:
                    text = data.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            if text is None:
                continue
            first_line = text.split("\n", 1)[0]
            delimiter = "|" if first_line.count("|") > first_line.count(",") else ","
            rows = csv.reader(io.StringIO(text), delimiter=delimiter)
            header = next(rows, [])
            columns = [index for index, name in enumerate(header) if name.strip().lstrip("\ufeff") in NAME_HEADERS]
            if not columns:
                continue
            files += 1
            for row in rows:
                for index in columns:
                    if index < len(row):
                        name = row[index].strip()
                        if len(name) >= 2 and CJK_RUN.fullmatch(name):
                            names.add(name)
    return names, files


# ---- reading files -------------------------------------------------------------------------------------------

def read_plain(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            # a damaged delivery (the generator's defects): its readable bytes are what a reader gets
            return data
    return data


def snappy_decompress(data):
    """Raw snappy (the format Parquet's SNAPPY codec uses: no framing)."""
    position, length, shift = 0, 0, 0
    while True:
        byte = data[position]
        position += 1
        length |= (byte & 0x7F) << shift
        if byte < 0x80:
            break
        shift += 7
    out = bytearray()
    end = len(data)
    while position < end:
        tag = data[position]
        position += 1
        kind = tag & 3
        if kind == 0:
            size = tag >> 2
            if size < 60:
                size += 1
            else:
                extra = size - 59
                size = int.from_bytes(data[position:position + extra], "little") + 1
                position += extra
            out += data[position:position + size]
            position += size
            continue
        if kind == 1:
            size = ((tag >> 2) & 7) + 4
            offset = ((tag >> 5) << 8) | data[position]
            position += 1
        elif kind == 2:
            size = (tag >> 2) + 1
            offset = int.from_bytes(data[position:position + 2], "little")
            position += 2
        else:
            size = (tag >> 2) + 1
            offset = int.from_bytes(data[position:position + 4], "little")
            position += 4
        if offset == 0 or offset > len(out):
            raise ValueError("bad snappy copy offset")
        start = len(out) - offset
        while size > 0:  # a copy may overlap what it writes
            chunk = min(size, offset)
            out += out[start:start + chunk]
            start += chunk
            size -= chunk
    if len(out) != length:
        raise ValueError("snappy length %d, expected %d" % (len(out), length))
    return bytes(out)


class Compact:
    """Just enough of Thrift's compact protocol to read Parquet's footer and page headers."""

    def __init__(self, data, position=0):
        self.data = data
        self.position = position

    def byte(self):
        value = self.data[self.position]
        self.position += 1
        return value

    def varint(self):
        result, shift = 0, 0
        while True:
            byte = self.byte()
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                return result
            shift += 7

    def zigzag(self):
        value = self.varint()
        return (value >> 1) ^ -(value & 1)

    def value(self, kind):
        if kind in (1, 2):
            return kind == 1
        if kind == 3:
            return self.byte()
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            self.position += 8
            return struct.unpack("<d", self.data[self.position - 8:self.position])[0]
        if kind == 8:
            size = self.varint()
            self.position += size
            return self.data[self.position - size:self.position]
        if kind in (9, 10):
            header = self.byte()
            size = header >> 4
            if size == 15:
                size = self.varint()
            element = header & 0x0F
            if element in (1, 2):
                return [self.byte() == 1 for _ in range(size)]
            return [self.value(element) for _ in range(size)]
        if kind == 11:
            size = self.varint()
            if size == 0:
                return {}
            types = self.byte()
            return dict((self.value(types >> 4), self.value(types & 0x0F)) for _ in range(size))
        if kind == 12:
            return self.struct()
        raise ValueError("unknown compact type %d" % kind)

    def struct(self):
        fields = {}
        last = 0
        while True:
            header = self.byte()
            if header == 0:
                return fields
            delta = header >> 4
            field = last + delta if delta else self.zigzag()
            last = field
            fields[field] = self.value(header & 0x0F)


def parquet_pages(data):
    """The uncompressed bytes of every page of every column chunk, and the codecs that could not be read."""
    if len(data) < 12 or data[-4:] != b"PAR1":
        raise ValueError("no Parquet footer")
    footer_length = struct.unpack("<I", data[-8:-4])[0]
    metadata = Compact(data, len(data) - 8 - footer_length).struct()
    pages = []
    for row_group in metadata.get(4, []):
        for chunk in row_group.get(1, []):
            meta = chunk.get(3, {})
            codec = meta.get(4, 0)
            data_offset = meta.get(9)
            dictionary_offset = meta.get(11)
            position = dictionary_offset if dictionary_offset and dictionary_offset < data_offset else data_offset
            end = position + meta.get(7, 0)
            while position < end:
                reader = Compact(data, position)
                header = reader.struct()
                position = reader.position
                compressed_size, uncompressed_size = header[3], header[2]
                payload = data[position:position + compressed_size]
                position += compressed_size
                levels = b""
                compressed = True
                if 8 in header:  # data page v2: levels stay uncompressed in front
                    level_size = header[8].get(5, 0) + header[8].get(6, 0)
                    levels, payload = payload[:level_size], payload[level_size:]
                    uncompressed_size -= level_size
                    compressed = header[8].get(7, True)
                pages.append(levels + decompress(payload, codec if compressed else 0, uncompressed_size))
    return pages


def decompress(payload, codec, expected):
    if codec == 0:
        body = payload
    elif codec == 1:
        body = snappy_decompress(payload)
    elif codec == 2:
        body = zlib.decompress(payload, 47)
    else:
        raise ValueError("Parquet codec %d is not readable here" % codec)
    if len(body) != expected:
        raise ValueError("a page of %d bytes, expected %d" % (len(body), expected))
    return body


# ---- scanning ------------------------------------------------------------------------------------------------

def contents(path):
    """What a reader can get from the file: its bytes, unpacked or page by page."""
    data = read_plain(path)
    if data[:4] == b"PAR1":
        return [data] + parquet_pages(data)
    return [data]


def hits_in(blob, names, name_lengths):
    found = []
    for match in ID_CANDIDATE.finditer(blob):
        candidate = match.group(1).decode("ascii")
        if valid_id_number(candidate):
            found.append(("id_number", candidate))
    text = blob.decode("utf-8", errors="replace")
    for run in CJK_RUN.findall(text):
        for length in name_lengths:
            for start in range(0, len(run) - length + 1):
                if run[start:start + length] in names:
                    found.append(("name", run[start:start + length]))
    return found


def walk(paths, skip_restricted):
    for given in paths:
        if os.path.isfile(given):
            yield given
            continue
        for folder, folders, entries in os.walk(given):
            if skip_restricted and os.path.abspath(folder) == os.path.abspath(given):
                folders[:] = [name for name in folders if name != RESTRICTED]
            folders.sort()
            for entry in sorted(entries):
                yield os.path.join(folder, entry)


def scan(paths, names, skip_restricted):
    name_lengths = sorted({len(name) for name in names})
    files, hits, unreadable = 0, [], []
    for path in walk(paths, skip_restricted):
        files += 1
        try:
            blobs = contents(path)
        except (ValueError, IndexError, KeyError, TypeError, struct.error, zlib.error) as problem:
            unreadable.append((path, str(problem)))
            continue
        for blob in blobs:
            for kind, value in hits_in(blob, names, name_lengths):
                hits.append((path, kind, value))
    return files, sorted(set(hits)), unreadable


def masked(kind, value):
    """A hit as printed: enough to find it, not the identifier itself."""
    return value[:4] + "*" * (len(value) - 4) if kind == "id_number" else value[0] + "*" * (len(value) - 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landing", required=True, help="the landing zone whose names are looked for")
    parser.add_argument("--control", help="a folder that must show both kinds (e.g. <warehouse>/restricted/bronze)")
    parser.add_argument("paths", nargs="+", help="a warehouse root (its restricted/ is skipped) or files")
    arguments = parser.parse_args()

    names, name_files = landing_names(arguments.landing)
    print("leak scan: %d names from %d landing files" % (len(names), name_files))
    status = 0
    if not names:
        print("leak scan: FAILED: no names found in the landing (no 姓名 column read)")
        return 2
    if arguments.control:
        files, hits, unreadable = scan([arguments.control], names, skip_restricted=False)
        kinds = {kind for _, kind, _ in hits}
        print("leak scan: control %s: %d files, %d ID numbers and %d names seen" % (arguments.control, files,
              sum(1 for hit in hits if hit[1] == "id_number"), sum(1 for hit in hits if hit[1] == "name")))
        if kinds != {"id_number", "name"} or unreadable:
            print("leak scan: FAILED: the control does not show both kinds: the scan would be blind")
            status = 2
    files, hits, unreadable = scan(arguments.paths, names, skip_restricted=True)
    print("leak scan: %d files outside the restricted zone scanned, %d hits, %d unreadable" % (files, len(hits), len(unreadable)))
    for path, problem in unreadable:
        print("leak scan: unreadable %s: %s" % (path, problem))
    by_file = {}
    for path, kind, value in hits:
        by_file.setdefault(path, []).append((kind, value))
    for path, found in sorted(by_file.items()):
        ids = [value for kind, value in found if kind == "id_number"]
        names_found = [value for kind, value in found if kind == "name"]
        examples = ", ".join(masked(kind, value) for kind, value in found[:3])
        print("leak scan: HIT %s: %d ID numbers, %d names (%s)" % (path, len(ids), len(names_found), examples))
    if hits:
        return 1
    if unreadable:
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
