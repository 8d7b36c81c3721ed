#!/bin/sh
# deb postrm / rpm %postun: undoes what after-install put outside /opt/nsinspect.
# No ${...} macros here: electron-builder would expand them when it packages this file.

# On an upgrade the new version's after-install has run (rpm) or is about to run (deb) and
# owns these files now; removing them here would leave the upgraded app without its helper.
case "$1" in
  upgrade | failed-upgrade | abort-upgrade | disappear) exit 0 ;; # deb
  [1-9]*) exit 0 ;;                                                 # rpm: $1 = installs left
esac

if command -v update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove nsinspect /opt/nsinspect/nsinspect || true
fi
# Only a link of ours: never delete a /usr/bin/nsinspect something else installed.
if [ -L /usr/bin/nsinspect ] && [ ! -e /usr/bin/nsinspect ]; then
  rm -f /usr/bin/nsinspect
fi

rm -f /usr/share/polkit-1/actions/io.nsinspect.host-helper.policy
rm -f /usr/lib/nsinspect/nsinspect-host-helper /usr/lib/nsinspect/nsinspect-host-shell /usr/lib/nsinspect/host-helper.cjs
rmdir /usr/lib/nsinspect 2>/dev/null || true

apparmor_profile=/etc/apparmor.d/nsinspect
if [ -f "$apparmor_profile" ]; then
  # Unload before deleting, or the profile stays in force until reboot.
  if command -v apparmor_parser >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --remove "$apparmor_profile" >/dev/null 2>&1 || true
  fi
  rm -f "$apparmor_profile"
fi

if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi

exit 0
