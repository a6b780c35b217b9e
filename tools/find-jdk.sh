# shellcheck shell=bash
# ferry_find_jdk MIN: prints the home of a JDK whose version is >= MIN (java and javac present).
# Looks at FERRY_JAVA_HOME, JAVA_HOME, the java on PATH, then /usr/lib/jvm/* and /opt/java/*.
ferry_jdk_major() {
  local home="$1" v=""
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

ferry_find_jdk() {
  local min="$1" c major
  local candidates=()
  [ -n "${FERRY_JAVA_HOME:-}" ] && candidates+=("$FERRY_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/* /opt/java/* 2>/dev/null | sort -rV); do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(ferry_jdk_major "$c")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  echo "ferry: no JDK $min or newer found (looked at FERRY_JAVA_HOME, JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java)." >&2
  echo "ferry: install one (for example Temurin 21 or 25) and/or set FERRY_JAVA_HOME to its directory." >&2
  return 1
}

# ferry_jvm_compat_opts JAVA_HOME: JVM options that silence warnings newer JDKs print about libraries
# (Netty, Maven's Guice) still using sun.misc.Unsafe, and let jboss-threads reset thread locals.
# Prints nothing for JDKs that need none.
ferry_jvm_compat_opts() {
  local major
  major=$(ferry_jdk_major "$1")
  if [ -n "$major" ] && [ "$major" -ge 24 ] 2>/dev/null; then
    echo "--sun-misc-unsafe-memory-access=allow --add-opens java.base/java.lang=ALL-UNNAMED"
  fi
}
