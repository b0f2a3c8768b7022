"""The ``engine`` layer of the library."""
