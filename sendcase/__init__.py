"""SENDcase: case management for the SEND services of English local authorities."""
