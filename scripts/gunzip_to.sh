#!/bin/sh
# gunzip_to.sh SRC.gz DST: unpack to DST atomically (a partial file never looks complete).
set -e
gzip -dc "$1" > "$2.tmp"
mv "$2.tmp" "$2"
