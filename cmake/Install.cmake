# Installation rules (cmake --install): see docs/cli.md.
