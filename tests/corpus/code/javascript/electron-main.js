const { app, BrowserWindow, ipcMain, shell } = require('electron');
const path = require('path');
const isDev = require('electron-is-dev');
const { autoUpdater } = require('electron-updater');

const DEV_SERVER_URL = 'http://localhost:3000';
const WINDOW_DEFAULTS = { width: 1280, height: 800, minWidth: 800, minHeight: 600 };

let mainWindow = null;

if (isDev) {
  app.commandLine.appendSwitch('remote-debugging-port', '9222');
}

function createWindow() {
  mainWindow = new BrowserWindow({
    ...WINDOW_DEFAULTS,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
    },
  });

  const startUrl = isDev
    ? DEV_SERVER_URL
    : `file://${path.join(__dirname, '../build/index.html')}`;
  mainWindow.loadURL(startUrl);

  mainWindow.once('ready-to-show', () => {
    mainWindow.show();
    if (isDev) mainWindow.webContents.openDevTools({ mode: 'detach' });
  });

  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    shell.openExternal(url);
    return { action: 'deny' };
  });

  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

ipcMain.handle('app:version', () => app.getVersion());

ipcMain.handle('app:zoom', (event, level) => {
  const clamped = Math.max(-3, Math.min(5, Number(level) || 0));
  mainWindow.webContents.setZoomLevel(clamped);
  return clamped;
});

app.whenReady().then(() => {
  createWindow();
  if (!isDev) {
    autoUpdater.checkForUpdatesAndNotify();
    setInterval(() => autoUpdater.checkForUpdates(), 4 * 60 * 60 * 1000);
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
