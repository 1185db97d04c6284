#!/usr/bin/env bash
# Restore a backup written by docker/backup.sh: the database into an EMPTY database, the
# files into the given directories.
#
#   restore.sh --backup NAME_OR_DIR --database DB [--media-dir DIR] [--private-dir DIR] [--force]
#
#   --backup       a backup directory, or its name under BACKUP_DIR (default /backups)
#   --database     the target database: a libpq URI (postgres://user:pass@host:5432/name) or
#                  a database name (the server and role come from PGHOST, PGUSER, PGPASSWORD...)
#   --media-dir    where to unpack media.tar.gz (images, documents); left out: not restored
#   --private-dir  where to unpack private.tar.gz (certificate PDFs); left out: not restored
#   --force        restore over a database or directories that are not empty: the backup's
#                  tables are dropped and recreated (pg_restore --clean), files of the same
#                  name overwritten; anything else already there stays
#
# Without --force it refuses, before changing anything, when the database holds any
# table, sequence or view, or a directory holds any file. The checksums are verified first.
# The database is restored in one transaction (all or nothing) without the original
# owners or grants (--no-owner --no-privileges): the role that restores owns everything.
# RESTORE_JOBS=N restores with N parallel jobs instead (faster for a large database, but no
# longer all or nothing).
set -euo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
RESTORE_JOBS=${RESTORE_JOBS:-1}

log() { printf '%s restore: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

backup='' database='' media_dir='' private_dir='' force=''
while [ $# -gt 0 ]; do
  case "$1" in
    --backup) backup=${2:-}; shift 2 ;;
    --database) database=${2:-}; shift 2 ;;
    --media-dir) media_dir=${2:-}; shift 2 ;;
    --private-dir) private_dir=${2:-}; shift 2 ;;
    --force) force=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[ -n "$backup" ] || { usage >&2; die "--backup is required"; }
[ -n "$database" ] || [ -n "$media_dir" ] || [ -n "$private_dir" ] \
  || die "nothing to restore: give --database, --media-dir and/or --private-dir"
case "$RESTORE_JOBS" in
  '' | *[!0-9]* | 0) die "RESTORE_JOBS must be a whole number of at least 1" ;;
esac

# 1. The backup: found, complete and unchanged.
if [ -d "$backup" ]; then
  dir=$backup
elif [ -d "$BACKUP_DIR/$backup" ]; then
  dir=$BACKUP_DIR/$backup
else
  die "no backup '$backup' (neither a directory nor in BACKUP_DIR=$BACKUP_DIR)"
fi
dir=$(cd "$dir" && pwd)
[ -f "$dir/SHA256SUMS" ] || die "$dir has no SHA256SUMS: not a complete backup"
(cd "$dir" && sha256sum --check --quiet SHA256SUMS) || die "$dir: checksums do not match"
log "backup $dir: checksums match"
[ ! -f "$dir/MANIFEST" ] || sed 's/^/  /' "$dir/MANIFEST" >&2

# 2. Every target checked before anything is changed.
problems=()
if [ -n "$database" ]; then
  [ -f "$dir/database.dump" ] || die "the backup holds no database.dump"
  objects=$(psql --dbname="$database" -X -A -t -v ON_ERROR_STOP=1 -c "
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'") \
    || die "cannot connect to the target database"
  [ "$objects" -eq 0 ] || problems+=("the database holds $objects tables, sequences or views")
fi
check_dir() {  # check_dir LABEL DIR ARCHIVE
  [ -f "$dir/$3" ] || die "the backup holds no $3 for $1"
  if [ -d "$2" ] && [ -n "$(find "$2" -mindepth 1 -print -quit)" ]; then
    problems+=("$1 $2 is not empty")
  fi
}
[ -z "$media_dir" ] || check_dir --media-dir "$media_dir" media.tar.gz
[ -z "$private_dir" ] || check_dir --private-dir "$private_dir" private.tar.gz
if [ "${#problems[@]}" -gt 0 ]; then
  for problem in "${problems[@]}"; do log "$problem"; done
  [ -n "$force" ] || die "refusing to restore over existing data (restore into an empty database and empty directories, or give --force)"
  log "--force: restoring over it"
fi

# 3. The database.
if [ -n "$database" ]; then
  options=(--no-owner --no-privileges --exit-on-error)
  if [ "$RESTORE_JOBS" -gt 1 ]; then
    options+=(--jobs="$RESTORE_JOBS")
  else
    options+=(--single-transaction)
  fi
  [ -z "$force" ] || options+=(--clean --if-exists)
  log "restoring the database (pg_restore ${options[*]})"
  started=$(date +%s)
  pg_restore "${options[@]}" --dbname="$database" "$dir/database.dump"
  # pg_restore brings no planner statistics: without them the first queries plan badly.
  # (Quietly: as a non-superuser, ANALYZE warns about every shared catalog it skips.)
  psql --dbname="$database" -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = error" -c "ANALYZE"
  log "database restored in $(($(date +%s) - started)) s"
fi

# 4. The files (as root, with their owners from the archive: the app's user in compose).
unpack() {  # unpack ARCHIVE DIR
  mkdir -p "$2"
  tar --extract --gzip --file="$dir/$1" --directory="$2"
  log "$1 unpacked into $2 ($(find "$2" -type f | wc -l) files)"
}
[ -z "$media_dir" ] || unpack media.tar.gz "$media_dir"
[ -z "$private_dir" ] || unpack private.tar.gz "$private_dir"

log "done. Start the application; it applies any newer migrations itself (see docs/OPERATIONS.md)."
