"""Cases: communities the library ships, each beside the library, not inside it."""
