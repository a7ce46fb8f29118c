"""Distinct pictures made from a seed (shapes, colours, a line of text), their everyday variants (re-encoded,
resized, lightly cropped, watermarked), and short videos encoded with PyAV, for the perceptual-hash tests."""

from __future__ import annotations

import io
import random
from typing import Any

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def distinct_image(seed: int, size: tuple[int, int] = (640, 480)) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    w, h = size
    for _ in range(rng.randint(6, 14)):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(20, w // 2), y0 + rng.randint(20, h // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice(("rectangle", "ellipse", "line"))
        if shape == "line":
            draw.line([(x0, y0), (x1, y1)], fill=colour, width=rng.randint(3, 25))
        else:
            getattr(draw, shape)([x0, y0, x1, y1], fill=colour)
    font = ImageFont.truetype(DEJAVU, rng.randint(18, 40))
    draw.text((rng.randrange(w // 2), rng.randrange(h - 50)), f"Алматы {seed}", font=font, fill=(0, 0, 0))
    return image


def jpeg(image: Any, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def variants(image: Any) -> dict[str, bytes]:
    from PIL import ImageDraw, ImageFont

    w, h = image.size
    marked = image.copy()
    ImageDraw.Draw(marked).text((w - 220, h - 40), "@kanal_news", font=ImageFont.truetype(DEJAVU, 26),
                                fill=(255, 255, 255))
    png = io.BytesIO()
    image.save(png, "PNG")
    return {
        "re-encoded (JPEG quality 35)": jpeg(image, 35),
        "resized to half": jpeg(image.resize((w // 2, h // 2))),
        "cropped by 5%": jpeg(image.crop((int(w * 0.05), int(h * 0.05), int(w * 0.95), int(h * 0.95)))),
        "watermarked": jpeg(marked),
        "as PNG": png.getvalue(),
    }


def video(seed: int, seconds: int = 3, size: tuple[int, int] = (320, 240), fps: int = 10,
          scale: float = 1.0, bitrate: int = 400_000) -> bytes:
    """An MP4 (MPEG-4 part 2) showing one distinct picture per second."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=fps)
        stream.width, stream.height = int(size[0] * scale) // 2 * 2, int(size[1] * scale) // 2 * 2
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = bitrate
        for second in range(seconds):
            picture = distinct_image(seed * 100 + second, size).resize((stream.width, stream.height))
            for _ in range(fps):
                frame = av.VideoFrame.from_image(picture)
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()
