#!/bin/sh
# Installs the `aebot` command for this user, from this checkout, with nothing but the .NET SDK (offline once the
# NuGet packages are restored):
#   1. publishes src/AeBot (Release, ReadyToRun: the fast start measured in docs/performance.md) into
#      $AEBOT_HOME/app (default ~/.local/share/aebot/app), replacing an earlier install;
#   2. writes the launcher $AEBOT_BIN/aebot (default ~/.local/bin/aebot): `dotnet …/aebot.dll "$@"`;
#   3. when that folder is not on PATH, adds it in ~/.profile and ~/.bashrc (once; --no-modify-path leaves them).
# Run it again after pulling to update. Uninstall: rm -r ~/.local/share/aebot ~/.local/bin/aebot.
set -eu

modify_path=yes
for arg in "$@"; do
  case "$arg" in
    --no-modify-path) modify_path=no ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
home=${AEBOT_HOME:-$HOME/.local/share/aebot}
bin=${AEBOT_BIN:-$HOME/.local/bin}
dotnet=$(command -v dotnet) || { echo "install.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }

echo "Publishing src/AeBot to $home/app (the first time takes a few minutes) ..."
rm -rf "$home/app.new"
"$dotnet" publish "$repo/src/AeBot" -c Release -o "$home/app.new" -nologo -v quiet
rm -rf "$home/app"
mv "$home/app.new" "$home/app"

mkdir -p "$bin"
cat > "$bin/aebot" <<LAUNCHER
#!/bin/sh
# The AeBot command line (installed by $repo/scripts/install.sh).
exec "$dotnet" "$home/app/aebot.dll" "\$@"
LAUNCHER
chmod +x "$bin/aebot"
echo "Installed $bin/aebot"

case ":$PATH:" in
  *":$bin:"*) ;;
  *)
    if [ "$modify_path" = yes ]; then
      line="export PATH=\"$bin:\$PATH\"  # aebot"
      for rc in "$HOME/.profile" "$HOME/.bashrc"; do
        if [ -f "$rc" ] && ! grep -qF "$line" "$rc"; then
          printf '\n%s\n' "$line" >> "$rc"
          echo "Added $bin to PATH in $rc"
        fi
      done
      echo "Open a new shell (or run: export PATH=\"$bin:\$PATH\") and try: aebot help"
    else
      echo "$bin is not on PATH: add it, or run $bin/aebot"
    fi
    ;;
esac
