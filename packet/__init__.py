"""packet: assemble grant and job application packets from one profile store."""

__version__ = "0.1.0"
