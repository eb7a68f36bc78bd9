# Sourced by .ci/run: install PostgreSQL from Debian's packages if needed, start a throwaway
# server on 127.0.0.1 and export EVENTSIFT_TEST_POSTGRES for the store tests. Stopped on exit.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
PG_PORT="${EVENTSIFT_PG_PORT:-54329}"
PG_DIR="$(mktemp -d /tmp/eventsift-pg.XXXXXX)"
chown postgres: "$PG_DIR"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres -E UTF8 >/dev/null"
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
stop_postgres() { su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null" || true; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
su postgres -s /bin/sh -c "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT eventsift_test"
export EVENTSIFT_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$PG_PORT/eventsift_test"
echo "PostgreSQL on 127.0.0.1:$PG_PORT for the store tests"
