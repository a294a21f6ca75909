"""OrderDesk: an order desk for counter and warehouse staff."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("orderdesk")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
