; Windows: the NSIS installer registers the account-console:// scheme (electron-builder's
; `protocols` covers macOS and Linux only). SHCTX is HKCU for a per-user install, HKLM for a
; per-machine one. The link is passed after `--`, so it can never be read as a switch.
; The app also calls setAsDefaultProtocolClient at start, which writes the same per-user key.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\account-console" "" "URL:Account Console link"
  WriteRegStr SHCTX "Software\Classes\account-console" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\account-console\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\account-console\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" -- "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\account-console"
!macroend
