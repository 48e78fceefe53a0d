"""Document imaging: find a paper sheet in a phone photo, flatten it, clean it up and judge its quality.

Pure functions on NumPy images (BGR, as ``cv2.imread`` returns them); no web framework involved.
"""

from portal.imaging.detector import find_document_corners
from portal.imaging.enhance import enhance
from portal.imaging.orientation import Orientation, find_orientation, upright_turns
from portal.imaging.quality import check_quality
from portal.imaging.sheets import estimate_aspect, flatten_sheet, rotate

__all__ = ['Orientation', 'check_quality', 'enhance', 'estimate_aspect', 'find_document_corners', 'find_orientation',
           'flatten_sheet', 'rotate', 'upright_turns']
