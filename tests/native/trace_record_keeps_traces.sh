#!/bin/sh
# When strace writes something the parser rejects, trace_record fails with an error that
# names the strace output line, and the traces already in the output folder stay as they were.
set -u
bin=$1
chapter=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/log" 2>/dev/null; exit 1; }

# Stands in for strace: passes the "can we trace?" probes, then writes a bad second line.
cat > "$tmp/strace" <<'EOF'
#!/bin/sh
out=/dev/null
while [ $# -gt 0 ]; do
  [ "$1" = -o ] && { out=$2; shift; }
  shift
done
[ "$out" = /dev/null ] && exit 0
printf '123 1700000000.000001 shmget(IPC_PRIVATE, 1024, IPC_CREAT|0666) = 3\n123 1700000000.000002 garbage, not strace\n' > "$out"
EOF
chmod +x "$tmp/strace"
mkdir "$tmp/out"
echo previous > "$tmp/out/sysv_parent_child.json"

if "$bin" --chapter "$chapter" --out "$tmp/out" --strace "$tmp/strace" > "$tmp/log" 2>&1; then
  fail "trace_record succeeded on unparsable strace output"
fi
grep -q 'strace output of sysv_parent_child.c:2: .*garbage, not strace' "$tmp/log" || fail "the error does not name the line"
[ "$(cat "$tmp/out/sysv_parent_child.json")" = previous ] || fail "the previous trace was overwritten"
[ "$(ls -A "$tmp/out")" = sysv_parent_child.json ] || fail "files were written: $(ls -A "$tmp/out")"
echo "ok: $(head -1 "$tmp/log")"
