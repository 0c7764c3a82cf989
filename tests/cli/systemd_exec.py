"""What systemd would run for a unit's ExecStart=, for tests/cli/test_cron.sh.

Usage: systemd_exec.py UNIT ROOT. Prints, NUL-separated, the service's environment (NAME=value,
from Environment= lines, else systemd's default PATH), an empty field, then ExecStart's argv.
Values that are absolute paths (other than PATH) are moved under ROOT, and so are PATH's
/usr/bin and /usr/local/bin entries (ROOT's copy first, then the real one). Only the part of
systemd's syntax the examples use is understood; anything else is an error, not a guess.
"""

import re
import shlex
import sys

# systemd 252 (Debian 12) gives services this PATH unless Environment= sets one.
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def service_lines(text):
    """The [Service] section's lines, with backslash continuations joined by a space."""
    text = re.sub(r"\\\n", " ", text)
    section, lines = None, []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line and not line.startswith(("#", ";")):
            lines.append(line)
    return lines


def map_path(value, root):
    """PATH with root's copies of /usr/bin and /usr/local/bin before the real ones."""
    out = []
    for entry in value.split(":"):
        out += [root + entry, entry] if entry in ("/usr/bin", "/usr/local/bin") else [entry]
    return ":".join(out)


def map_value(name, value, root):
    if name == "PATH":
        return map_path(value, root)
    return root + value if value.startswith("/") else value


def specifiers(value):
    """systemd's % specifiers: only %% (a literal %) is expected in the examples."""
    if re.search(r"%[^%]", value.replace("%%", "")):
        sys.exit(f"unsupported specifier in: {value}")
    return value.replace("%%", "%")


def expand(word, env):
    """systemd's variable expansion in one argv word: ${NAME} and $$ (a whole-word $NAME too)."""
    if re.fullmatch(r"\$[A-Za-z_][A-Za-z0-9_]*", word):
        sys.exit(f"unsupported whole-word variable: {word}")
    word = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word)
    return word.replace("$$", "$")


def main():
    unit, root = sys.argv[1], sys.argv[2]
    env, execstart = {}, None
    for line in service_lines(open(unit, encoding="utf-8").read()):
        key, _, value = line.partition("=")
        if key == "Environment":
            for assignment in shlex.split(specifiers(value)):
                name, _, val = assignment.partition("=")
                env[name] = map_value(name, val, root)
        elif key == "ExecStart":
            if execstart is not None or value[:1] in "-@+!:":
                sys.exit(f"unsupported ExecStart: {value}")
            execstart = value
    if execstart is None:
        sys.exit("no ExecStart")
    env.setdefault("PATH", map_path(DEFAULT_PATH, root))
    argv = [expand(word, env) for word in shlex.split(specifiers(execstart))]
    fields = [f"{name}={value}" for name, value in env.items()] + [""] + argv
    sys.stdout.write("\0".join(fields) + "\0")


main()
