; Inno Setup script for the OrderDesk Windows installer (Inno Setup 6).
; Build the bundle first (packaging\build.sh or pyinstaller packaging\orderdesk.spec), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\orderdesk.iss
; Output: dist\OrderDesk-Setup-<version>.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "OrderDesk"
#define SourceDir "..\..\dist\orderdesk"

[Setup]
; A fixed AppId keeps upgrades in place (never change it once released)
AppId={{6F1C2B7E-3D6A-4C51-9E0B-0D5E7A4B2C19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=OrderDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install needs no administrator rights; an admin may choose "all users"
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=OrderDesk-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\orderdesk.exe
; The installer's own icon; the executables get theirs from the spec (same .ico)
SetupIconFile=..\..\resources\icons\orderdesk.ico
; The user's data (database, settings, logs) lives in %LOCALAPPDATA%\OrderDesk and is
; left alone by uninstall.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Old bundle files from a previous version must not linger next to the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\orderdesk.exe"
Name: "{group}\{#AppName} (Chinese 中文)"; Filename: "{app}\orderdesk.exe"; Parameters: "--lang zh_CN"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\orderdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\orderdesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
