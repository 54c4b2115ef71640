"""prsscheck: which peer recovery support certifications can I get, and what remains?"""

__version__ = "0.1.0"
