#!/usr/bin/env bash
# The serving benchmark under the name the serving issue gives it: bench/serving.sh, same arguments.
exec bash "$(dirname "${BASH_SOURCE[0]}")/serving.sh" "$@"
