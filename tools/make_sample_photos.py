#!/usr/bin/env python3
"""Draw the illustrative sample photos for the campaign `cum-1-2020`.

The sample campaign has no real photos, so this script draws three simple flat
illustrations that stand in for them:

    kiem-tra-phuc-loi.jpg   archive inspection at UBND phường Phúc Lợi
    kiem-tra-duc-giang.jpg  archive inspection at UBND phường Đức Giang
    hop-cum.jpg             meeting of Cụm thi đua số 1

Each image carries a band reading "ẢNH MINH HỌA" plus a short label so nobody
mistakes it for a real photo.

Usage:
    python tools/make_sample_photos.py [--out-dir DIR]

Requires Pillow. The drawing uses no randomness, so the output is
deterministic for a given Pillow version.
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 1067
SCALE = 2  # draw at 2x, then downsample for smooth edges
JPEG_QUALITY = 80
FONT_PATH = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"

DEFAULT_OUT_DIR = Path(__file__).resolve().parent.parent / "inputs" / "cum-1-2020" / "anh"

WATERMARK = "ẢNH MINH HỌA"

# Colour palette (flat illustration style).
SKIN = (233, 190, 150)
SKIN_DARK = (205, 155, 115)
HAIR = (45, 38, 35)
WHITE = (250, 250, 248)
PAPER = (245, 243, 235)
RED = (200, 30, 35)
YELLOW = (255, 214, 0)


def nfc(text: str) -> str:
    """Vietnamese text must be precomposed so every glyph is in the font."""
    return unicodedata.normalize("NFC", text)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_PATH, size * SCALE)


class Canvas:
    """A thin wrapper over ImageDraw that takes coordinates in output pixels."""

    def __init__(self, background: tuple[int, int, int]) -> None:
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _s(coords):
        return [round(c * SCALE) for c in coords]

    def rect(self, box, fill, radius: float = 0, outline=None, width: float = 0):
        box = self._s(box)
        w = round(width * SCALE)
        if radius:
            self.draw.rounded_rectangle(box, radius=round(radius * SCALE), fill=fill, outline=outline, width=w)
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=w)

    def ellipse(self, box, fill, outline=None, width: float = 0):
        self.draw.ellipse(self._s(box), fill=fill, outline=outline, width=round(width * SCALE))

    def polygon(self, points, fill):
        flat = [c for p in points for c in p]
        s = self._s(flat)
        self.draw.polygon(list(zip(s[0::2], s[1::2])), fill=fill)

    def line(self, points, fill, width: float):
        flat = [c for p in points for c in p]
        s = self._s(flat)
        self.draw.line(list(zip(s[0::2], s[1::2])), fill=fill, width=round(width * SCALE))

    def text_size(self, text: str, size: int) -> tuple[float, float]:
        left, top, right, bottom = self.draw.textbbox((0, 0), nfc(text), font=font(size))
        return (right - left) / SCALE, (bottom - top) / SCALE

    def text(self, xy, text: str, size: int, fill, anchor: str = "la"):
        self.draw.text(self._s(xy), nfc(text), font=font(size), fill=fill, anchor=anchor)

    def finish(self) -> Image.Image:
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------


def draw_room(c: Canvas, wall, wall_trim, floor, floor_line, horizon: float) -> None:
    c.rect((0, 0, WIDTH, horizon), fill=wall)
    c.rect((0, horizon - 14, WIDTH, horizon), fill=wall_trim)  # skirting board
    c.rect((0, horizon, WIDTH, HEIGHT), fill=floor)
    # Floor tiles in simple one-point perspective.
    vx = WIDTH / 2
    for i in range(-8, 9):
        c.line([(vx + i * 60, horizon), (vx + i * 260, HEIGHT)], fill=floor_line, width=2)
    y, step = horizon, 18.0
    while y < HEIGHT:
        c.line([(0, y), (WIDTH, y)], fill=floor_line, width=2)
        step *= 1.35
        y += step


def draw_window(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    c.rect((x - 10, y - 10, x + w + 10, y + h + 10), fill=(235, 235, 230), radius=4)
    c.rect((x, y, x + w, y + h), fill=(170, 215, 240))
    # A few soft clouds and a tree top outside.
    c.ellipse((x + w * 0.15, y + h * 0.18, x + w * 0.45, y + h * 0.34), fill=(230, 244, 252))
    c.ellipse((x + w * 0.3, y + h * 0.12, x + w * 0.55, y + h * 0.3), fill=(230, 244, 252))
    c.ellipse((x + w * 0.55, y + h * 0.5, x + w * 0.98, y + h * 0.98), fill=(120, 175, 100))
    c.rect((x + w * 0.75, y + h * 0.85, x + w * 0.79, y + h), fill=(120, 90, 60))
    c.rect((x + w / 2 - 4, y, x + w / 2 + 4, y + h), fill=(235, 235, 230))
    c.rect((x, y + h / 2 - 4, x + w, y + h / 2 + 4), fill=(235, 235, 230))
    # Half-drawn curtain.
    c.rect((x - 24, y - 22, x + w * 0.22, y + h + 18), fill=(190, 160, 110), radius=6)
    c.rect((x - 30, y - 30, x + w + 30, y - 16), fill=(120, 90, 60), radius=6)


BOX_COLOURS = [
    (52, 98, 160),  # blue archive box
    (196, 160, 100),  # kraft cardboard box
    (70, 120, 90),  # green
    (180, 120, 70),  # brown
]


def draw_shelf(c: Canvas, x: float, y: float, w: float, h: float, rows: int, pattern: int) -> None:
    """A metal archive shelf full of labelled boxes (hộp lưu trữ)."""
    frame = (110, 118, 128)
    c.rect((x, y, x + w, y + h), fill=(150, 158, 166), radius=3)
    c.rect((x + 8, y + 8, x + w - 8, y + h - 8), fill=(205, 208, 212))
    row_h = (h - 16) / rows
    for r in range(rows):
        top = y + 8 + r * row_h
        bottom = top + row_h
        c.rect((x, bottom - 10, x + w, bottom), fill=frame)  # shelf plank
        bx = x + 14
        k = 0
        while True:
            bw = 46 + ((r * 7 + k * 5 + pattern) % 3) * 6
            if bx + bw > x + w - 14:
                break
            colour = BOX_COLOURS[(r + k + pattern) % len(BOX_COLOURS)]
            bh = row_h - 22 - ((k + r + pattern) % 2) * 8
            c.rect((bx, bottom - 10 - bh, bx + bw - 4, bottom - 10), fill=colour, radius=2)
            # White spine label and a finger hole, like a real archive box.
            c.rect((bx + 7, bottom - 10 - bh + 12, bx + bw - 11, bottom - 10 - bh + 40), fill=WHITE, radius=2)
            c.line(
                [(bx + 11, bottom - 10 - bh + 20), (bx + bw - 15, bottom - 10 - bh + 20)], fill=(150, 150, 150), width=2
            )
            c.line(
                [(bx + 11, bottom - 10 - bh + 28), (bx + bw - 19, bottom - 10 - bh + 28)], fill=(150, 150, 150), width=2
            )
            cx = bx + (bw - 4) / 2
            c.ellipse((cx - 6, bottom - 32, cx + 6, bottom - 22), fill=(40, 40, 40))
            bx += bw
            k += 1
    c.rect((x, y, x + 10, y + h), fill=frame)
    c.rect((x + w - 10, y, x + w, y + h), fill=frame)


def draw_person_back(c: Canvas, cx: float, top: float, scale: float, shirt, hair=HAIR) -> None:
    """A seated person seen from behind (head and shoulders)."""
    s = scale
    c.rect((cx - 70 * s, top + 80 * s, cx + 70 * s, top + 260 * s), fill=shirt, radius=55 * s)
    c.rect((cx - 16 * s, top + 62 * s, cx + 16 * s, top + 92 * s), fill=SKIN_DARK)
    c.ellipse((cx - 42 * s, top, cx + 42 * s, top + 88 * s), fill=hair)


def draw_person_front(
    c: Canvas,
    cx: float,
    top: float,
    scale: float,
    shirt,
    hair=HAIR,
    tie=None,
    glasses: bool = False,
    long_hair: bool = False,
) -> None:
    """A seated person facing the viewer (head, shoulders, simple face)."""
    s = scale
    if long_hair:
        c.rect((cx - 44 * s, top + 10 * s, cx + 44 * s, top + 120 * s), fill=hair, radius=30 * s)
    c.rect((cx - 70 * s, top + 95 * s, cx + 70 * s, top + 260 * s), fill=shirt, radius=55 * s)
    # Collar.
    c.polygon([(cx - 22 * s, top + 95 * s), (cx, top + 125 * s), (cx + 22 * s, top + 95 * s)], fill=WHITE)
    if tie:
        c.polygon(
            [
                (cx - 7 * s, top + 105 * s),
                (cx + 7 * s, top + 105 * s),
                (cx + 10 * s, top + 170 * s),
                (cx, top + 182 * s),
                (cx - 10 * s, top + 170 * s),
            ],
            fill=tie,
        )
    c.rect((cx - 15 * s, top + 72 * s, cx + 15 * s, top + 100 * s), fill=SKIN_DARK)
    c.ellipse((cx - 38 * s, top + 8 * s, cx + 38 * s, top + 92 * s), fill=SKIN)
    # Hair cap.
    c.polygon(
        [
            (cx - 40 * s, top + 45 * s),
            (cx - 36 * s, top + 14 * s),
            (cx, top + 2 * s),
            (cx + 36 * s, top + 14 * s),
            (cx + 40 * s, top + 45 * s),
            (cx + 28 * s, top + 28 * s),
            (cx - 28 * s, top + 28 * s),
        ],
        fill=hair,
    )
    # Eyes.
    c.ellipse((cx - 17 * s, top + 46 * s, cx - 9 * s, top + 54 * s), fill=(40, 40, 40))
    c.ellipse((cx + 9 * s, top + 46 * s, cx + 17 * s, top + 54 * s), fill=(40, 40, 40))
    if glasses:
        c.ellipse((cx - 25 * s, top + 40 * s, cx - 3 * s, top + 60 * s), fill=None, outline=(30, 30, 30), width=3 * s)
        c.ellipse((cx + 3 * s, top + 40 * s, cx + 25 * s, top + 60 * s), fill=None, outline=(30, 30, 30), width=3 * s)
        c.line([(cx - 3 * s, top + 49 * s), (cx + 3 * s, top + 49 * s)], fill=(30, 30, 30), width=3 * s)
    # Mouth.
    c.line([(cx - 9 * s, top + 72 * s), (cx + 9 * s, top + 72 * s)], fill=(150, 80, 70), width=3 * s)


def draw_papers(c: Canvas, x: float, y: float, n: int = 1, angle_step: float = 10) -> None:
    for i in range(n):
        dx = i * angle_step
        c.rect((x + dx, y - i * 4, x + dx + 90, y - i * 4 + 60), fill=PAPER, outline=(200, 198, 190), width=1)
        for j in range(4):
            c.line(
                [(x + dx + 10, y - i * 4 + 12 + j * 11), (x + dx + 80 - (j % 2) * 20, y - i * 4 + 12 + j * 11)],
                fill=(160, 160, 170),
                width=2,
            )


def draw_archive_box_on_table(c: Canvas, x: float, y: float, colour) -> None:
    """An opened archive box lying on the table, files peeking out."""
    c.rect((x, y - 70, x + 120, y), fill=colour, radius=3)
    c.rect((x + 10, y - 90, x + 105, y - 62), fill=PAPER, outline=(200, 198, 190), width=1)
    c.rect((x + 20, y - 98, x + 112, y - 70), fill=(236, 226, 190), outline=(200, 190, 160), width=1)
    c.rect((x + 25, y - 52, x + 95, y - 24), fill=WHITE, radius=2)


def draw_wall_sign(c: Canvas, x: float, y: float, text: str, size: int) -> None:
    w, h = c.text_size(text, size)
    c.rect((x - 22, y - 16, x + w + 22, y + h + 24), fill=(150, 20, 25), radius=6)
    c.rect((x - 14, y - 8, x + w + 14, y + h + 16), fill=None, outline=YELLOW, width=2, radius=4)
    c.text((x, y), text, size, fill=YELLOW)


def draw_clock(c: Canvas, cx: float, cy: float, r: float) -> None:
    c.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE, outline=(60, 60, 60), width=5)
    c.line([(cx, cy), (cx, cy - r * 0.65)], fill=(40, 40, 40), width=5)
    c.line([(cx, cy), (cx + r * 0.45, cy + r * 0.2)], fill=(40, 40, 40), width=5)


def draw_plant(c: Canvas, x: float, floor_y: float) -> None:
    c.polygon(
        [(x - 40, floor_y - 90), (x + 40, floor_y - 90), (x + 30, floor_y), (x - 30, floor_y)], fill=(160, 95, 60)
    )
    for dx, dy, r in [(-30, -150, 45), (25, -165, 50), (0, -210, 45), (-10, -125, 40), (35, -120, 35)]:
        c.ellipse((x + dx - r, floor_y + dy - r, x + dx + r, floor_y + dy + r), fill=(70, 140, 80))


def draw_vietnam_flag(c: Canvas, x: float, y: float, w: float) -> None:
    h = w * 2 / 3
    c.rect((x, y, x + w, y + h), fill=(218, 37, 29))
    cx, cy, r = x + w / 2, y + h / 2, h * 0.3
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    c.polygon(pts, fill=YELLOW)


def draw_caption_band(c: Canvas, label: str) -> None:
    """Bottom-left band that marks the image as an illustration."""
    size_big, size_small = 40, 30
    w1, h1 = c.text_size(WATERMARK, size_big)
    w2, h2 = c.text_size(label, size_small)
    pad = 24
    bw = max(w1, w2) + 2 * pad
    bh = h1 + h2 + 2 * pad + 18
    x0, y1 = 0, HEIGHT
    y0 = y1 - bh
    # Semi-transparent dark band.
    overlay = Image.new("RGBA", c.image.size, (0, 0, 0, 0))
    od = ImageDraw.Draw(overlay)
    od.rounded_rectangle(
        [round(x0 * SCALE), round(y0 * SCALE), round((x0 + bw) * SCALE), round(y1 * SCALE) + 40],
        radius=18 * SCALE,
        fill=(15, 15, 20, 205),
    )
    c.image.paste(Image.alpha_composite(c.image.convert("RGBA"), overlay).convert("RGB"))
    c.rect((x0, y0, x0 + 10, y1), fill=YELLOW)
    c.text((x0 + pad + 4, y0 + pad - 4), WATERMARK, size_big, fill=YELLOW)
    c.text((x0 + pad + 4, y0 + pad + h1 + 16), label, size_small, fill=WHITE)


# --------------------------------------------------------------------------
# Scenes
# --------------------------------------------------------------------------


def draw_inspection(ward: str, variant: int) -> Image.Image:
    """An archive room: shelves of archive boxes, a table, inspectors at work."""
    if variant == 0:
        wall, trim, floor, floor_line = (236, 226, 200), (170, 140, 100), (200, 170, 130), (185, 155, 115)
        table_top, table_side = (150, 100, 60), (115, 75, 45)
    else:
        wall, trim, floor, floor_line = (214, 228, 226), (110, 130, 130), (190, 190, 185), (172, 172, 168)
        table_top, table_side = (175, 125, 80), (135, 95, 60)

    horizon = 640
    c = Canvas(wall)
    draw_room(c, wall, trim, floor, floor_line, horizon)

    sign = f"UBND PHƯỜNG {ward.upper()}"
    if variant == 0:
        # Shelves on the left and right, window in the middle.
        draw_shelf(c, 40, 120, 420, 520, rows=4, pattern=0)
        draw_shelf(c, 1140, 120, 420, 520, rows=4, pattern=2)
        draw_window(c, 620, 200, 360, 260)
        sw, _ = c.text_size(sign, 30)
        draw_wall_sign(c, (WIDTH - sw) / 2, 80, sign, 30)
        draw_clock(c, 540, 130, 34)
    else:
        # A long row of shelves along the back wall, sign above them.
        draw_shelf(c, 60, 170, 460, 470, rows=4, pattern=1)
        draw_shelf(c, 570, 170, 460, 470, rows=4, pattern=3)
        draw_shelf(c, 1080, 170, 460, 470, rows=4, pattern=0)
        sw, _ = c.text_size(sign, 30)
        draw_wall_sign(c, (WIDTH - sw) / 2, 70, sign, 30)
        draw_clock(c, 1480, 95, 32)
        draw_plant(c, 1500, 1010)

    # People behind the table (facing the viewer).
    if variant == 0:
        far = [
            (560, (60, 90, 140), (150, 30, 40), True, False),
            (800, (240, 240, 240), None, False, True),
            (1040, (70, 110, 90), None, False, False),
        ]
    else:
        far = [(620, (230, 230, 235), (40, 60, 120), False, False), (980, (180, 70, 70), None, True, True)]
    for cx, shirt, tie, glasses, long_hair in far:
        draw_person_front(c, cx, 520, 1.0, shirt, tie=tie, glasses=glasses, long_hair=long_hair)

    # The table.
    t_top, t_bot = 720, 800
    c.polygon([(330, t_top), (1270, t_top), (1360, t_bot), (240, t_bot)], fill=table_top)
    c.rect((240, t_bot, 1360, t_bot + 26), fill=table_side)
    c.rect((280, t_bot + 26, 310, 1000), fill=table_side)
    c.rect((1290, t_bot + 26, 1320, 1000), fill=table_side)

    # Things on the table: archive boxes, files, a register, a laptop.
    if variant == 0:
        draw_archive_box_on_table(c, 400, 760, BOX_COLOURS[0])
        draw_archive_box_on_table(c, 1060, 760, BOX_COLOURS[1])
        draw_papers(c, 640, 735, n=3)
        draw_papers(c, 860, 740, n=2)
    else:
        draw_archive_box_on_table(c, 380, 760, BOX_COLOURS[2])
        draw_archive_box_on_table(c, 520, 760, BOX_COLOURS[0])
        draw_papers(c, 760, 738, n=3)
        # Laptop.
        c.polygon([(1010, 700), (1150, 700), (1140, 770), (1020, 770)], fill=(60, 65, 75))
        c.polygon([(1000, 770), (1160, 770), (1175, 785), (985, 785)], fill=(120, 125, 135))

    # People in front of the table (seen from behind), overlapping the table edge.
    if variant == 0:
        near = [(430, (40, 60, 110)), (1180, (200, 200, 205))]
    else:
        near = [(380, (90, 90, 100)), (800, (40, 80, 130)), (1220, (220, 220, 225))]
    for cx, shirt in near:
        draw_person_back(c, cx, 760, 1.25, shirt)

    draw_caption_band(c, f"Kiểm tra tại UBND phường {ward}")
    return c.finish()


def draw_meeting() -> Image.Image:
    """Cluster meeting: red banner, flag, long table with delegates."""
    wall, trim, floor, floor_line = (240, 232, 215), (160, 120, 80), (150, 60, 55), (135, 50, 48)
    horizon = 600
    c = Canvas(wall)
    draw_room(c, wall, trim, floor, floor_line, horizon)

    # Stage backdrop: red banner with the meeting title.
    c.rect((180, 50, 1420, 260), fill=(175, 20, 25), radius=8)
    c.rect((196, 66, 1404, 244), fill=None, outline=YELLOW, width=4, radius=6)
    title = "HỘI NGHỊ CỤM THI ĐUA SỐ 1"
    c.text((WIDTH / 2, 130), title, 64, fill=YELLOW, anchor="mm")
    sub = "NĂM 2020"
    c.text((WIDTH / 2, 205), sub, 36, fill=WHITE, anchor="mm")
    draw_vietnam_flag(c, 40, 70, 120)
    draw_vietnam_flag(c, 1440, 70, 120)
    # Tall curtains at the sides.
    for x in (0, 1500):
        c.rect((x, 260, x + 100, horizon), fill=(190, 150, 60))
        for k in range(4):
            c.line([(x + 15 + k * 22, 262), (x + 15 + k * 22, horizon - 2)], fill=(165, 125, 45), width=3)
    draw_plant(c, 190, horizon + 40)
    draw_plant(c, 1410, horizon + 40)

    # Long table in perspective, narrowing toward the back wall.
    back_y, front_y = 470, 1067
    back_l, back_r = 640, 960
    front_l, front_r = 300, 1300

    def edge(y: float, left: bool) -> float:
        t = (y - back_y) / (front_y - back_y)
        return (back_l + (front_l - back_l) * t) if left else (back_r + (front_r - back_r) * t)

    # Delegates along both sides, far to near (drawn before the table top so
    # the table hides their lower bodies).
    rows = [(430, 0.55), (520, 0.75), (640, 1.0), (790, 1.3)]
    shirts_l = [(40, 60, 110), (230, 230, 235), (150, 40, 45), (60, 90, 70)]
    shirts_r = [(235, 235, 240), (50, 50, 60), (70, 100, 150), (200, 200, 205)]
    for i, (top, s) in enumerate(rows):
        y_at_table = top + 150 * s
        lx = edge(y_at_table, True) - 55 * s
        rx = edge(y_at_table, False) + 55 * s
        draw_person_front(
            c, lx, top, s, shirts_l[i], tie=(150, 30, 40) if i % 2 else None, glasses=(i == 2), long_hair=(i == 1)
        )
        draw_person_front(
            c, rx, top, s, shirts_r[i], tie=(40, 60, 120) if i % 2 == 0 else None, glasses=(i == 3), long_hair=(i == 2)
        )

    # Table top with a green cloth, and a white runner down the middle.
    c.polygon([(back_l, back_y), (back_r, back_y), (front_r, front_y), (front_l, front_y)], fill=(40, 110, 70))
    c.polygon(
        [(back_l + 110, back_y), (back_r - 110, back_y), (front_r - 360, front_y), (front_l + 360, front_y)],
        fill=(235, 240, 235),
    )

    # Name plates, papers and water bottles along both edges.
    for top, s in rows:
        y = top + 170 * s
        for left in (True, False):
            ex = edge(y, left)
            px = ex + (60 * s if left else -60 * s - 70 * s)
            c.rect((px, y - 8 * s, px + 70 * s, y + 38 * s), fill=PAPER, outline=(190, 190, 185), width=1)
            bx = ex + (150 * s if left else -150 * s)
            c.rect((bx - 8 * s, y - 40 * s, bx + 8 * s, y + 10 * s), fill=(180, 215, 235), radius=4 * s)
            c.rect((bx - 5 * s, y - 50 * s, bx + 5 * s, y - 40 * s), fill=(40, 90, 160))
    # Flower arrangement in the middle of the table.
    fx, fy = WIDTH / 2, 690
    c.polygon([(fx - 40, fy), (fx + 40, fy), (fx + 28, fy + 50), (fx - 28, fy + 50)], fill=(200, 170, 90))
    for dx, dy, col in [
        (-45, -30, (220, 60, 80)),
        (0, -55, YELLOW),
        (45, -30, (220, 60, 80)),
        (-22, -10, (250, 140, 60)),
        (22, -10, (250, 140, 60)),
        (0, -20, (230, 80, 120)),
    ]:
        c.ellipse((fx + dx - 26, fy + dy - 26, fx + dx + 26, fy + dy + 26), fill=col)

    draw_caption_band(c, "Họp cụm thi đua số 1")
    return c.finish()


# --------------------------------------------------------------------------


def save_jpeg(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir", type=Path, default=DEFAULT_OUT_DIR, help=f"output directory (default: {DEFAULT_OUT_DIR})"
    )
    args = parser.parse_args(argv)

    outputs = {
        "kiem-tra-phuc-loi.jpg": lambda: draw_inspection("Phúc Lợi", 0),
        "kiem-tra-duc-giang.jpg": lambda: draw_inspection("Đức Giang", 1),
        "hop-cum.jpg": draw_meeting,
    }
    for name, make in outputs.items():
        path = args.out_dir / name
        save_jpeg(make(), path)
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
