from . import backup_commands
