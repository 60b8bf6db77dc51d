"""The newsroom in a browser: a right-to-left web app and a REST API over the archive."""

from marsad.serve.app import create_app

__all__ = ["create_app"]
