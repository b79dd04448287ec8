//! Content-addressed storage of original files: `<root>/<first two hex digits>/<sha256>`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The sha256 of `bytes` as lowercase hex: the id of a document.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A directory of original files named by their sha256.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    pub fn open(root: impl Into<PathBuf>) -> Result<BlobStore> {
        let root = root.into();
        fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
        Ok(BlobStore { root })
    }

    pub fn path_of(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("xx");
        self.root.join(prefix).join(sha256)
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Stores `bytes` under `sha256` unless already present. The file is written to a
    /// temporary name, synced and renamed, so a crash never leaves a partial blob.
    pub fn put(&self, sha256: &str, bytes: &[u8]) -> Result<PathBuf> {
        let path = self.path_of(sha256);
        if path.is_file() {
            return Ok(path);
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(tmp.path(), e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(path)
    }

    pub fn get(&self, sha256: &str) -> Result<Vec<u8>> {
        let path = self.path_of(sha256);
        fs::read(&path).map_err(|e| Error::io(path, e))
    }

    /// Removes a blob; a blob already gone is not an error.
    pub fn remove(&self, sha256: &str) -> Result<()> {
        let path = self.path_of(sha256);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_once_by_content() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let blobs = BlobStore::open(dir.path().join("blobs"))?;
        let id = sha256_hex(b"letter");
        assert_eq!(id.len(), 64);
        let p1 = blobs.put(&id, b"letter")?;
        let p2 = blobs.put(&id, b"letter")?;
        assert_eq!(p1, p2);
        assert_eq!(blobs.get(&id)?, b"letter");
        assert!(p1.starts_with(dir.path().join("blobs").join(&id[..2])));
        // Only the blob itself is left in its folder: no temporary files.
        assert_eq!(fs::read_dir(p1.parent().unwrap_or(dir.path()))?.count(), 1);
        blobs.remove(&id)?;
        assert!(!blobs.contains(&id));
        blobs.remove(&id)?;
        Ok(())
    }
}
