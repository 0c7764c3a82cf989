"""Decode a PNG (8-bit RGB/RGBA, as Chromium writes it) and report whether it shows something.

Usage: python3 png_check.py FILE COLOUR... [--edge-free COLOUR...]   (COLOUR as rrggbb)
Prints the number of distinct colours and, for each COLOUR, how many pixels have it; exits 1
when the image is blank (fewer than 16 colours) or a COLOUR is missing. Each COLOUR after
--edge-free must not appear in the 8 rightmost columns: a table or box of that border colour
running into the right edge is wider than the page the window stands for.
"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), "unsupported PNG"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    for line in rows:
        for x in range(width):
            yield x, width, line[x * bpp:x * bpp + 3].hex()


def main():
    args = sys.argv[2:]
    edge = [c.lower() for c in args[args.index("--edge-free") + 1:]] if "--edge-free" in args else []
    wanted = args[:args.index("--edge-free")] if "--edge-free" in args else args
    counts, at_edge = {}, {}
    for x, width, p in pixels(sys.argv[1]):
        counts[p] = counts.get(p, 0) + 1
        if x >= width - 8 and p in edge:
            at_edge[p] = at_edge.get(p, 0) + 1
    print(f"{len(counts)} colours")
    ok = len(counts) >= 16
    for colour in wanted:
        n = counts.get(colour.lower(), 0)
        print(f"{colour}: {n} pixels")
        ok = ok and n > 50
    for colour in edge:
        n = at_edge.get(colour, 0)
        print(f"{colour} at the right edge: {n} pixels")
        ok = ok and n == 0
    sys.exit(0 if ok else 1)


main()
