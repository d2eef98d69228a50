#!/usr/bin/env bash
# Answers the queries of `hantm bench lookup --ranking-queries N --ranking-queries-out QUERIES
# --units-out UNITS` with PostgreSQL's pg_trgm, as a team would set it up instead of a
# translation memory: the distinct units in a table, a GIN trigram index on the Korean,
# `source % query ORDER BY source <-> query LIMIT 50`. Writes query number, rank, Korean
# and English of each row found to OUT (TSV), for score.py:
#   Benchmarks/ranking/postgres.sh UNITS QUERIES OUT
# Needs PostgreSQL 15 with its contrib (Debian: postgresql-15); a throwaway cluster is made
# in a temporary folder, on a socket only, and removed at the end (as root it runs as postgres).
set -euo pipefail
units=$1 queries=$2 out=$3
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/hantm-pg.XXXXXX)
chmod 755 "$work"
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
trap 'as_owner "$bin/pg_ctl -D $work/data -m immediate stop" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
as_owner "$bin/initdb -D $work/data -E UTF8 --locale=C.UTF-8 -A trust -U postgres" > /dev/null
as_owner "$bin/pg_ctl -D $work/data -l $work/log -w -o \"-k $work -c listen_addresses= -c shared_buffers=512MB -c maintenance_work_mem=512MB -c work_mem=64MB\" start" > /dev/null
# COPY's text format reads backslashes as escapes: the files are doubled into the work folder.
sed 's/\\/\\\\/g' "$units" > "$work/units.tsv"
awk -F'\t' '{gsub(/\\/, "\\\\", $1); print NR "\t" $1}' "$queries" > "$work/queries.tsv"
chmod 644 "$work"/*.tsv
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d postgres)
start=$(date +%s)
"${psql[@]}" <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE offered (source text, target text);
\copy offered FROM '$work/units.tsv'
CREATE TABLE unit AS SELECT DISTINCT source, target FROM offered;
DROP TABLE offered;
CREATE INDEX unit_trgm ON unit USING gin (source gin_trgm_ops);
ANALYZE unit;
CREATE TABLE query (id int, text text);
\copy query FROM '$work/queries.tsv'
SQL
echo "postgres: $("${psql[@]}" -At -c 'SELECT count(*) FROM unit') distinct units loaded and indexed in $(( $(date +%s) - start )) s" >&2
start=$(date +%s)
"${psql[@]}" -c "\\copy (SELECT q.id, r.rank, r.source, r.target FROM query q CROSS JOIN LATERAL (SELECT source, target, row_number() OVER (ORDER BY source <-> q.text, source, target) AS rank FROM unit WHERE source % q.text ORDER BY source <-> q.text, source, target LIMIT 50) r ORDER BY q.id, r.rank) TO '$work/out.tsv'"
echo "postgres: $(wc -l < "$queries") queries answered in $(( $(date +%s) - start )) s" >&2
sed 's/\\\\/\\/g' "$work/out.tsv" > "$out"
