export { BackupError, type BackupSummary, createBackup, type Manifest, restoreBackup, type RestoreSummary } from './backup'
export { backupCommand, restoreCommand } from './cli'
export { checkNewestFiles, type NewestFilesCheck } from './stored-files'
