"""The ``viz`` layer of the library."""
