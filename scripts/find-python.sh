#!/bin/sh
# Print a Python >= 3.12 to build .venv with. PySide6 6.12 on CPython 3.11 miscounts references
# to None/True/False and aborts the process after a few thousand Qt calls, so 3.11 will not do.
pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for candidate in "${PYTHON:-}" python3.12 python3.13 python3 \
    $(ls -d "$pyenv_root"/versions/3.12*/bin/python3 "$pyenv_root"/versions/3.1[3-9]*/bin/python3 2>/dev/null); do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        command -v "$candidate"
        exit 0
    fi
done
echo "aeo-assess needs Python 3.12 or newer (PySide6 6.12 crashes on 3.11); install one and run make again" >&2
exit 1
