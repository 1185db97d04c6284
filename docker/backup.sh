#!/usr/bin/env bash
# Back up the platform: the database (pg_dump custom format) and the uploaded files
# (MEDIA_ROOT: images and documents; PRIVATE_MEDIA_ROOT: certificate PDFs), into one
# directory per backup, with checksums, then rotate old backups away.
#
#   backup.sh                     one backup now, then rotation
#   backup.sh --daily-at 02:30    run forever: one backup every day at 02:30 (the TZ
#                                 variable's time zone), as the compose `backup` service does
#
# Needs only pg_dump/pg_restore/psql (the postgres image has them), tar, gzip, sha256sum and
# GNU date: no Python, no Django. docs/OPERATIONS.md explains the choices; docker/restore.sh
# reads what this writes.
#
# Environment:
#   DATABASE_URL           postgres://user:password@host:5432/name (a libpq URI), or else the
#                          libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
#   BACKUP_DIR             where backups go (default /backups)
#   MEDIA_ROOT             uploaded files to archive; unset or empty: not archived
#   PRIVATE_MEDIA_ROOT     certificate PDFs to archive; unset or empty: not archived
#   BACKUP_KEEP_DAILY      keep the newest backup of each of this many most recent days (7)
#   BACKUP_KEEP_WEEKLY     and of each of this many most recent ISO weeks (8)
#   BACKUP_PREFIX          name of the backups (default: the database name)
#
# A backup is BACKUP_DIR/<prefix>-<UTC time, e.g. 20260301T213000Z>/ holding database.dump,
# media.tar.gz, private.tar.gz, MANIFEST and SHA256SUMS. It is written under a ".partial"
# name and renamed when complete, so a directory with the final name is always whole.
set -euo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
KEEP_DAILY=${BACKUP_KEEP_DAILY:-7}
KEEP_WEEKLY=${BACKUP_KEEP_WEEKLY:-8}
MEDIA_ROOT=${MEDIA_ROOT:-}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-}

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case "$KEEP_DAILY$KEEP_WEEKLY" in
  *[!0-9]*) die "BACKUP_KEEP_DAILY and BACKUP_KEEP_WEEKLY must be whole numbers" ;;
esac
[ "$KEEP_DAILY" -ge 1 ] || die "BACKUP_KEEP_DAILY must be at least 1 (the backup just made)"

# The database to dump, as a libpq connection string: DATABASE_URL as it is, or an empty
# string so pg_dump and psql take PGHOST, PGDATABASE... from the environment.
DB_CONNINFO=${DATABASE_URL:-}
if [ -n "$DB_CONNINFO" ]; then
  db_name=${DB_CONNINFO%%\?*}
  db_name=${db_name##*/}
else
  db_name=${PGDATABASE:-${PGUSER:-postgres}}
fi
[ -n "$db_name" ] || die "cannot tell the database name from DATABASE_URL"
PREFIX=${BACKUP_PREFIX:-$db_name}
case "$PREFIX" in
  *[!A-Za-z0-9_.-]*) die "BACKUP_PREFIX (or the database name) may hold only letters, digits, _ . -" ;;
esac

db_args=()
[ -z "$DB_CONNINFO" ] || db_args=(--dbname="$DB_CONNINFO")

archive() {  # archive NAME DIR OUT: a tar.gz of DIR's contents, or nothing if DIR is unset
  local label=$1 dir=$2 out=$3 status=0
  if [ -z "$dir" ]; then
    log "$label: not set, not archived"
    return 0
  fi
  [ -d "$dir" ] || die "$label is $dir, which is not a directory"
  # gzip -1: PDFs, images and videos are compressed already; level 6 would cost CPU for little.
  tar --create --use-compress-program="gzip -1" --file="$out" --directory="$dir" . || status=$?
  # GNU tar exits 1 when a file changed while it was read (an upload in progress): the
  # archive is still usable and holds every file that was complete.
  if [ "$status" -eq 1 ]; then
    log "$label: a file changed while it was archived (kept as read)"
  elif [ "$status" -ne 0 ]; then
    die "$label: tar failed with status $status"
  fi
  log "$label: $(find "$dir" -type f | wc -l) files, $(du -h "$out" | cut -f1)"
}

backup_once() {
  local stamp name work final
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  name="$PREFIX-$stamp"
  final="$BACKUP_DIR/$name"
  work="$final.partial"
  [ ! -e "$final" ] || die "$final already exists"
  mkdir -p "$work"
  log "writing $final"

  # 1. The database first, then the files: every file the dump refers to was already
  # written when the archives are read (files uploaded meanwhile are extra, not missing).
  pg_dump "${db_args[@]}" --format=custom --compress=6 --file="$work/database.dump"
  # Its table of contents must read back (docs/OPERATIONS.md: the drill restores it whole).
  pg_restore --list "$work/database.dump" >/dev/null
  log "database $db_name: $(du -h "$work/database.dump" | cut -f1)"

  # 2. The files.
  archive MEDIA_ROOT "$MEDIA_ROOT" "$work/media.tar.gz"
  archive PRIVATE_MEDIA_ROOT "$PRIVATE_MEDIA_ROOT" "$work/private.tar.gz"

  # 3. What it is and how to check it.
  local server tables migrations
  server=$(psql "${db_args[@]}" -X -A -t -c "SHOW server_version")
  tables=$(psql "${db_args[@]}" -X -A -t -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  migrations=$(psql "${db_args[@]}" -X -A -t -c "SELECT count(*) FROM django_migrations" \
    2>/dev/null || echo unknown)
  {
    echo "name=$name"
    echo "created_utc=$stamp"
    echo "database=$db_name"
    echo "server_version=$server"
    echo "pg_dump=$(pg_dump --version)"
    echo "tables=$tables"
    echo "applied_migrations=$migrations"
    echo "media_root=${MEDIA_ROOT:-not archived}"
    echo "private_media_root=${PRIVATE_MEDIA_ROOT:-not archived}"
  } >"$work/MANIFEST"
  (cd "$work" && sha256sum -- * >SHA256SUMS)

  mv "$work" "$final"
  date -u +%Y-%m-%dT%H:%M:%SZ >"$BACKUP_DIR/last-success"
  log "done: $final ($(du -sh "$final" | cut -f1))"
}

week_of() {  # week_of YYYYMMDD -> ISO week, e.g. 2026-W09
  date -u -d "${1:0:4}-${1:4:2}-${1:6:2}" +%G-W%V
}

rotate() {
  # Newest first: the newest backup of each of the KEEP_DAILY most recent days that have
  # one, and of each of the KEEP_WEEKLY most recent ISO weeks, stay; the rest go.
  local -a found=()
  local -A days=() weeks=()
  local i path stamp day week keep
  shopt -s nullglob
  found=("$BACKUP_DIR/$PREFIX"-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z)
  shopt -u nullglob
  for ((i = ${#found[@]} - 1; i >= 0; i--)); do
    path=${found[i]}
    stamp=${path##*-}
    day=${stamp:0:8}
    week=$(week_of "$day")
    keep=
    if [ -z "${days[$day]:-}" ] && [ "${#days[@]}" -lt "$KEEP_DAILY" ]; then
      days[$day]=1
      keep=daily
    fi
    if [ -z "${weeks[$week]:-}" ] && [ "${#weeks[@]}" -lt "$KEEP_WEEKLY" ]; then
      weeks[$week]=1
      keep=${keep:+$keep+}weekly
    fi
    if [ -z "$keep" ]; then
      log "rotation: removing ${path##*/}"
      rm -rf -- "$path"
    fi
  done
}

run_locked() {
  mkdir -p "$BACKUP_DIR"
  # One backup at a time (a manual run while the nightly one is going waits for it).
  exec 9>"$BACKUP_DIR/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  # What a crash or a stopped container left half-written.
  rm -rf -- "$BACKUP_DIR/$PREFIX"-*.partial
  backup_once
  rotate
  exec 9>&-
}

seconds_until() {  # seconds_until HH:MM -> seconds from now to the next HH:MM (local time)
  local now next
  now=$(date +%s)
  next=$(date -d "today $1" +%s)
  if [ "$next" -le "$now" ]; then
    next=$(date -d "tomorrow $1" +%s)
  fi
  echo $((next - now))
}

# Backups hold members' personal data: readable by their owner only.
umask 077

case "${1:-}" in
  "")
    run_locked
    ;;
  --daily-at)
    at=${2:-}
    [[ "$at" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || die "--daily-at needs a time as HH:MM, not '$at'"
    # `docker stop` sends TERM; sleeping in the background lets the shell act on it at once.
    sleeper=''
    trap 'log "stopped"; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; exit 0' TERM INT
    log "daily backups at $at ($(date +%Z)); keeping $KEEP_DAILY daily and $KEEP_WEEKLY weekly"
    while :; do
      wait_for=$(seconds_until "$at")
      log "next backup in $((wait_for / 60)) min"
      sleep "$wait_for" &
      sleeper=$!
      wait "$sleeper"
      sleeper=
      # A failed night is logged and tried again the next night; last-success shows its age.
      ( run_locked ) || log "ERROR: the backup failed (see above); the last good one stays"
    done
    ;;
  -h | --help)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    ;;
  *)
    die "unknown argument '$1' (see --help)"
    ;;
esac
