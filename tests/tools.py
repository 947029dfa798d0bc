"""Skip markers for tests that need a Debian program (.ci/run installs them)."""
import shutil
import subprocess

import pytest


def chinese_ocr_installed() -> bool:
    if shutil.which("tesseract") is None:
        return False
    return "chi_sim" in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout


needs_tesseract = pytest.mark.skipif(not chinese_ocr_installed(),
                                     reason="Tesseract with chi_sim is not installed "
                                            "(apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
