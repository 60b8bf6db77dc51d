"""marsad (مرصد): Arabic news to clean, structured, searchable knowledge — offline."""

__version__ = "0.1.0"

from marsad.api import analyze_file, analyze_records  # noqa: E402

# `marsad.analyze` is both the analysers package and the analyse function (see its docstring).
import marsad.analyze as analyze  # noqa: E402
from marsad.document import Article  # noqa: E402
from marsad.errors import InputError, MarsadError  # noqa: E402

__all__ = ["Article", "InputError", "MarsadError", "analyze", "analyze_file", "analyze_records", "__version__"]
