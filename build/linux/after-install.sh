#!/bin/sh
# deb postinst / rpm %post. Runs as root on install and on upgrade, so every step is idempotent.
# It replaces electron-builder's default script, so it also does that script's work (command
# link, chrome-sandbox mode, AppArmor, desktop caches) besides installing the host helper.
# No ${...} macros here: electron-builder would expand them when it packages this file.

app=/opt/nsinspect
resources=$app/resources
helper_dir=/usr/lib/nsinspect
policy=/usr/share/polkit-1/actions/io.nsinspect.host-helper.policy
apparmor_profile=/etc/apparmor.d/nsinspect

# --- nsinspect on PATH -------------------------------------------------------------------------
if command -v update-alternatives >/dev/null 2>&1; then
  # A plain link left by an older install would make update-alternatives refuse.
  if [ -L /usr/bin/nsinspect ] && [ "$(readlink /usr/bin/nsinspect)" != /etc/alternatives/nsinspect ]; then
    rm -f /usr/bin/nsinspect
  fi
  update-alternatives --install /usr/bin/nsinspect nsinspect "$app/nsinspect" 100 \
    || ln -sf "$app/nsinspect" /usr/bin/nsinspect
else
  ln -sf "$app/nsinspect" /usr/bin/nsinspect
fi

# --- host helper + polkit action ---------------------------------------------------------------
# Copied out of /opt into root-owned files at fixed paths: the polkit action's exec.path must be
# a fixed path, and what it runs must not be replaceable by anyone but root.
if [ -f "$resources/helper/host-helper.cjs" ]; then
  install -d -o root -g root -m 0755 "$helper_dir"
  install -o root -g root -m 0644 "$resources/helper/host-helper.cjs" "$helper_dir/host-helper.cjs"
  install -o root -g root -m 0755 "$resources/helper/nsinspect-host-helper" "$helper_dir/nsinspect-host-helper"
  install -o root -g root -m 0755 "$resources/helper/nsinspect-host-shell" "$helper_dir/nsinspect-host-shell"
  install -d -m 0755 /usr/share/polkit-1/actions
  install -o root -g root -m 0644 "$resources/helper/io.nsinspect.host-helper.policy" "$policy"
else
  echo "nsinspect: host helper missing from the package; the app will use the docker-helper" >&2
fi

# --- AppArmor (Ubuntu 24.04+) ------------------------------------------------------------------
apparmor_grants_userns=no
if [ -d /etc/apparmor.d ] && command -v apparmor_parser >/dev/null 2>&1 \
  && [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)" = 1 ]; then
  # A dry-run parse first: AppArmor before 4.0 (Ubuntu 22.04) rejects abi/4.0, and there the
  # restriction and so the profile do not exist anyway.
  if apparmor_parser --skip-kernel-load --debug "$resources/apparmor-profile" >/dev/null 2>&1; then
    cp -f "$resources/apparmor-profile" "$apparmor_profile"
    # Loading into the kernel is meaningless in a chroot (image builds); the file is enough there.
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      if apparmor_parser --replace --write-cache --skip-read-cache "$apparmor_profile"; then
        apparmor_grants_userns=yes
      fi
    fi
  else
    echo "nsinspect: this AppArmor cannot parse the bundled profile; not installing it" >&2
  fi
fi

# --- chrome-sandbox ----------------------------------------------------------------------------
# Chromium sandboxes renderers with unprivileged user namespaces; only where those are
# unavailable does it need the setuid helper. A test run here would prove nothing: this script
# is root, and root may create user namespaces even where users may not, so read the knobs.
userns=yes
[ -e /proc/self/ns/user ] || userns=no
[ "$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null)" = 0 ] && userns=no
[ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)" = 0 ] && userns=no
if [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)" = 1 ] \
  && [ "$apparmor_grants_userns" = no ]; then
  userns=no
fi
if [ -f "$app/chrome-sandbox" ]; then
  chown root:root "$app/chrome-sandbox" || true
  if [ "$userns" = yes ]; then
    chmod 0755 "$app/chrome-sandbox" || true
  else
    chmod 4755 "$app/chrome-sandbox" || true
  fi
fi

# --- desktop caches ----------------------------------------------------------------------------
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi

exit 0
