"""``motcua backup`` and ``motcua restore``: the database and the files in one encrypted archive.

- ``crypto``: the archive is encrypted at rest with AES-256-GCM in 1 MiB chunks (a stream:
  a backup of many gigabytes never sits in memory), key from ``MOTCUA_BACKUP_KEY``.
- ``archive``: what goes in (a consistent database snapshot, then every stored file with its
  SHA-256) and how it comes back out into an empty instance.
"""
