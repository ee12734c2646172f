; Inno Setup script for Pont's Windows installer: per-user, no administrator rights.
; Build the app first (packaging/README.md, "Windows"), then from the checkout's root:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\pont.iss
; which writes build\installer\Pont-Setup-<version>.exe.

#define AppName "Pont"
; Keep in step with desktop/pont/__init__.py, or pass /DAppVersion=x.y.z to ISCC.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppPublisher "Pont"
#define AppExe "Pont.exe"
#define Root "..\.."

[Setup]
; A fixed id: upgrades replace the earlier install instead of adding a second one.
AppId={{6E0C3B4A-2F1D-4C8E-9A57-7B1E5D0C2A91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
; Per-user: into %LOCALAPPDATA%\Programs\Pont, Start menu entries for this user only.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
SetupIconFile={#Root}\resources\icons\pont.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\build\installer
OutputBaseFilename=Pont-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Welsh: Inno Setup's Welsh.isl is an unofficial translation, not installed with it. Put it
; in Inno Setup's Languages folder and add:
; Name: "welsh"; MessagesFile: "compiler:Languages\Welsh.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: Pont.exe (the window), pont-cli.exe (commands) and _internal.
Source: "{#Root}\build\dist\Pont\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program only: the coordinator's groups and members stay in
; %LOCALAPPDATA%\Pont (platformdirs' user data folder), passwords in Windows Credential
; Manager.
