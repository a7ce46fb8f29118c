"""PDQ hashes of pictures we make: their variants match, distinct pictures do not; videos by sampled frames."""

from __future__ import annotations

import pytest
from tests.ingest.image_fixtures import distinct_image, jpeg, variants, video

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.perceptual import MATCH_DISTANCE, distance, image_hashes, video_hashes


def closest(a: list, b: list) -> int:
    return min(distance(x.hash, y.hash) for x in a for y in b)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_everyday_variant_of_a_picture_matches_it(seed: int) -> None:
    image = distinct_image(seed)
    original = image_hashes(jpeg(image), "original.jpg")
    assert len(original) == 3 and all(len(h.hash) == 64 and h.offset is None for h in original)
    for name, data in variants(image).items():
        assert closest(original, image_hashes(data, name)) <= MATCH_DISTANCE, name


def test_distinct_pictures_are_far_apart() -> None:
    hashes = [image_hashes(jpeg(distinct_image(seed)), f"{seed}.jpg") for seed in range(10, 22)]
    nearest = min(closest(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1:])
    assert nearest > 2 * MATCH_DISTANCE


def test_a_video_is_hashed_once_a_second_and_matches_its_reencoded_smaller_copy() -> None:
    frames = video_hashes(video(7, seconds=3), "clip.mp4")
    assert [f.offset for f in frames] == [0.0, 1.0, 2.0]
    smaller = video_hashes(video(7, seconds=3, scale=0.5, bitrate=80_000), "small.mp4")
    assert all(min(distance(f.hash, g.hash) for g in smaller) <= MATCH_DISTANCE for f in frames)
    still = image_hashes(jpeg(distinct_image(7 * 100 + 1, (320, 240))), "still.jpg")  # second 1 as a photo
    assert closest(frames, still) <= MATCH_DISTANCE
    assert closest(frames, image_hashes(jpeg(distinct_image(999)), "other.jpg")) > MATCH_DISTANCE


def test_what_is_not_a_picture_or_a_video_is_one_line() -> None:
    with pytest.raises(IngestError, match="not an image that can be read") as err:
        image_hashes(b"\xff\xd8\xff\xe0 not a jpeg", "fake.jpg")
    assert "\n" not in str(err.value)
    with pytest.raises(IngestError, match="cannot be decoded|no video stream"):
        video_hashes(b"\x00\x00\x00\x18ftypisom not a video", "fake.mp4")
