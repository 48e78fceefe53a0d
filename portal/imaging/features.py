"""Low-resolution feature maps for sheet detection: a downscaled copy and its colour structure tensor.

Everything here works on a copy of about 640 px on the long side: sheet borders are long, straight structures
that survive downscaling, while paper texture, JPEG noise and small print mostly do not, and the work costs
a few milliseconds instead of hundreds on a 12-megapixel photo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

WORK_SIDE = 640  # long side of the working copy in px
COARSE_SIGMA = 2.5  # px: wider than a line of small print at working size, far narrower than a sheet
SENSITIVE_GAIN = 0.5  # edge thresholds scaled by this on the second look
SUM_CHANNELS = np.ones((1, 3), np.float32)
CHROMA_GAIN = 2.0  # a*/b* differences matter as much as twice the same lightness difference (white on beige)


@dataclass(frozen=True)
class Tensor:
    """Smoothed structure tensor of the colour gradient (Di Zenzo), summed over the three channels."""

    jxx: np.ndarray
    jxy: np.ndarray
    jyy: np.ndarray
    noise: float  # typical gradient magnitude of the image (texture + sensor noise)

    @property
    def threshold(self) -> float:
        """Gradient strength that surely is an edge: well above the typical texture and noise level."""
        return max(0.5, 3.0 * self.noise)


@dataclass(frozen=True)
class Features:
    """Maps of the working copy; ``scale`` converts working-copy pixels to input pixels."""

    small: np.ndarray  # BGR uint8 working copy
    lab: np.ndarray  # float32 L, CHROMA_GAIN * a, CHROMA_GAIN * b, lightly blurred
    fine: Tensor  # gradients at the working copy's resolution: precise, but sees every letter
    coarse: Tensor  # gradients after a stronger blur: text lines melt into grey while sheet borders stay
    scale: float

    @property
    def shape(self) -> tuple[int, int]:
        return self.small.shape[:2]


def downscale(image: np.ndarray, long_side: int = WORK_SIDE) -> tuple[np.ndarray, float]:
    """Shrink to about long_side px; returns the copy and the input/copy ratio.

    Halving by 2x2 averaging first is several times cheaper than area averaging a 12-megapixel photo to the
    final size in one go, and filters enough that fine print does not alias into false edges.
    """
    w = image.shape[1]
    small = image
    while max(small.shape[:2]) >= 3 * long_side:  # 2x2 averaging: OpenCV's fastest path, twice pyrDown's speed
        small = cv2.resize(small, (small.shape[1] // 2, small.shape[0] // 2), interpolation=cv2.INTER_AREA)
    factor = max(small.shape[:2]) / long_side
    if factor > 1.0:
        size = (max(1, round(small.shape[1] / factor)), max(1, round(small.shape[0] / factor)))
        small = cv2.resize(small, size, interpolation=cv2.INTER_AREA)
    elif small is image:
        small = image.copy()
    return small, w / small.shape[1]


def as_bgr(image: np.ndarray) -> np.ndarray:
    """Accept grey, BGR or BGRA uint8 input and return BGR uint8."""
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def compute_features(image: np.ndarray) -> Features:
    """Downscale and build the colour structure tensors used to find and judge candidate sheet borders."""
    small, scale = downscale(as_bgr(image))
    lab: np.ndarray = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    lab[..., 1:] = (lab[..., 1:] - 128.0) * CHROMA_GAIN
    lab = cv2.GaussianBlur(lab, (0, 0), 1.0)
    coarse = cv2.GaussianBlur(lab, (0, 0), COARSE_SIGMA)
    return Features(small, lab, structure_tensor(lab), structure_tensor(coarse), scale)


def sensitive(features: Features) -> Features:
    """The same maps with edge thresholds lowered by SENSITIVE_GAIN (a retry when nothing was found)."""
    fine = replace(features.fine, noise=features.fine.noise * SENSITIVE_GAIN)
    coarse = replace(features.coarse, noise=features.coarse.noise * SENSITIVE_GAIN)
    return replace(features, fine=fine, coarse=coarse)


def structure_tensor(lab: np.ndarray) -> Tensor:
    """Colour structure tensor, smoothed so that its orientation is coherent along edges."""
    gx = cv2.Sobel(lab, cv2.CV_32F, 1, 0, ksize=3, scale=0.125)
    gy = cv2.Sobel(lab, cv2.CV_32F, 0, 1, ksize=3, scale=0.125)
    # summing the channels' tensors (cv2.transform with a row of ones) keeps colour edges without a lightness step
    parts = [cv2.transform(a * b, SUM_CHANNELS) for a, b in ((gx, gx), (gx, gy), (gy, gy))]
    jxx, jxy, jyy = cv2.split(cv2.GaussianBlur(cv2.merge(parts), (0, 0), 1.0))
    # the median over a sparse grid is as good an estimate of the typical gradient and ten times cheaper
    noise = float(np.median(np.sqrt(jxx[::3, ::3] + jyy[::3, ::3])))
    return Tensor(jxx, jxy, jyy, noise)


def orientation(tensor: Tensor) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pixel: edge strength sqrt(lambda1), gradient angle in [0, pi) and coherence in [0, 1]."""
    jxx, jxy, jyy = tensor.jxx, tensor.jxy, tensor.jyy
    half_diff = (jxx - jyy) * 0.5
    disc = np.sqrt(half_diff * half_diff + jxy * jxy)
    trace = jxx + jyy
    strength = np.sqrt(trace * 0.5 + disc)
    theta = np.mod(0.5 * np.arctan2(2.0 * jxy, jxx - jyy), np.pi)
    coherence = 2.0 * disc / (trace + 1e-6)
    return strength, theta, coherence
