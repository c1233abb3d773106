//! Databases on network file systems. SQLite keeps a file consistent
//! through the operating system's file locks and, in WAL mode, a shared
//! memory index (`-shm`) beside it; over NFS and SMB/CIFS neither is
//! reliable between computers (locks are lost or not passed on, each
//! computer caches its own view of the file), and two computers writing one
//! such file can corrupt it. The supported way to share a database is one
//! computer holding it on a local disk, with each person running ri-chase in
//! a terminal session on that computer (ssh, or a terminal server).
//!
//! On Linux the file system is told by its `statfs` magic number; elsewhere
//! there is no detection (README says so).

use std::path::Path;

/// A kind of file system on which SQLite's locking cannot be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFs {
    Nfs,
    /// SMB/CIFS: a Windows or Samba share (the old smbfs, cifs and smb3 clients).
    Smb,
    /// 9p: WSL 2's view of Windows drives (`/mnt/c`), and folders a virtual
    /// machine shares with its host; the host's programs see the same file
    /// through locks the guest's do not.
    NineP,
    /// AFS (OpenAFS or the kernel's kAFS): whole-file locks only, none of the
    /// byte ranges SQLite locks.
    Afs,
}

impl NetworkFs {
    /// Its name as a user's IT team would know it.
    pub fn name(self) -> &'static str {
        match self {
            NetworkFs::Nfs => "NFS",
            NetworkFs::Smb => "SMB/CIFS",
            NetworkFs::NineP => "9p (a Windows drive under WSL, or a virtual machine's shared folder)",
            NetworkFs::Afs => "AFS",
        }
    }
}

/// The network file system a Linux `statfs` `f_type` names, if it is one.
///
/// Left out on purpose: FUSE (`0x65735546`). sshfs and rclone mounts are
/// FUSE, but so are local file systems (NTFS disks through ntfs-3g,
/// encrypted folders), and the number cannot tell them apart; a FUSE file
/// system that does not take locks itself has the kernel lock for it, which
/// holds between sessions on one computer, the supported way to share.
/// Cluster file systems (CephFS, GFS2, Lustre, OCFS2) lock across machines
/// by design and are not warned about.
pub fn network_fs(f_type: u32) -> Option<NetworkFs> {
    match f_type {
        0x6969 => Some(NetworkFs::Nfs),
        // SMB_SUPER_MAGIC (smbfs), CIFS_MAGIC_NUMBER, SMB2_MAGIC_NUMBER (smb3).
        0x517B | 0xFF53_4D42 | 0xFE53_4D42 => Some(NetworkFs::Smb),
        0x0102_1997 => Some(NetworkFs::NineP),
        // OpenAFS, kAFS.
        0x5346_414F | 0x6B41_4653 => Some(NetworkFs::Afs),
        _ => None,
    }
}

/// The network file system holding `db` (the file, or its folder when the
/// file is not made yet), if any.
pub fn detect(db: &Path) -> Option<NetworkFs> {
    #[cfg(debug_assertions)]
    if let Some(magic) = test_magic() {
        return network_fs(magic);
    }
    let folder = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let place = if db.exists() { db } else { folder };
    f_type(place).and_then(network_fs)
}

/// Debug builds only: `RI_CHASE_TEST_FS_MAGIC=0x6969` makes every file
/// look as if it were on that file system, so the tests can see the warning
/// through the real binary on a machine with no network share to mount.
#[cfg(debug_assertions)]
fn test_magic() -> Option<u32> {
    let text = std::env::var("RI_CHASE_TEST_FS_MAGIC").ok()?;
    u32::from_str_radix(text.trim().trim_start_matches("0x"), 16).ok()
}

#[cfg(target_os = "linux")]
fn f_type(place: &Path) -> Option<u32> {
    // The magic numbers are 32 bits; f_type is a signed word whose width
    // varies (CIFS's 0xFF534D42 is negative where it is 32 bits): keep the low 32.
    nix::sys::statfs::statfs(place).ok().map(|s| s.filesystem_type().0 as u32)
}

#[cfg(not(target_os = "linux"))]
fn f_type(_place: &Path) -> Option<u32> {
    None
}

/// What a command says on standard error about a database on `fs`.
pub fn warning(db: &Path, fs: NetworkFs) -> String {
    format!(
        "ri-chase: warning: {} is on a network file system ({}). SQLite's file locking is not reliable there: \
         if ri-chase on two computers uses it at once, changes can be lost or the file damaged. Keep the database \
         on one computer's own disk and have everyone run ri-chase on that computer (several terminal sessions, \
         e.g. over ssh); see README, \"Sharing one database\"",
        db.display(),
        fs.name()
    )
}

/// The app's status line on its first screen: one line of 80 columns.
pub fn status_line(fs: NetworkFs) -> String {
    let short = match fs {
        NetworkFs::NineP => "9p",
        other => other.name(),
    };
    format!("Network share ({short}): use this database from one computer only (see README)")
}

/// Says [`warning`] on standard error, once per process (the app opens the
/// file more than once), when `db` is on a network file system.
pub fn report(db: &Path) -> Option<NetworkFs> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let fs = detect(db)?;
    ONCE.call_once(|| eprintln!("{}", warning(db, fs)));
    Some(fs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_file_systems_are_told_by_their_magic_numbers() {
        assert_eq!(network_fs(0x6969), Some(NetworkFs::Nfs));
        assert_eq!(network_fs(0x517B), Some(NetworkFs::Smb));
        assert_eq!(network_fs(0xFF53_4D42), Some(NetworkFs::Smb));
        assert_eq!(network_fs(0xFE53_4D42), Some(NetworkFs::Smb));
        assert_eq!(network_fs(0x0102_1997), Some(NetworkFs::NineP));
        assert_eq!(network_fs(0x5346_414F), Some(NetworkFs::Afs));
        assert_eq!(network_fs(0x6B41_4653), Some(NetworkFs::Afs));
    }

    #[test]
    fn local_file_systems_and_fuse_are_not_warned_about() {
        // ext4, xfs, btrfs, tmpfs, overlayfs, zfs, FUSE, ecryptfs, CephFS.
        for local in
            [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630, 0x2FC1_2FC1, 0x6573_5546, 0xF15F, 0x00C3_6400]
        {
            assert_eq!(network_fs(local), None, "{local:#x}");
        }
    }

    #[test]
    fn cifs_read_from_a_32_bit_signed_f_type_is_still_cifs() {
        let signed: i32 = 0xFF53_4D42_u32 as i32;
        assert!(signed < 0);
        assert_eq!(network_fs(signed as u32), Some(NetworkFs::Smb));
        let wide: i64 = signed as i64;
        assert_eq!(network_fs(wide as u32), Some(NetworkFs::Smb));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_folder_is_read_and_is_not_a_network_share() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(f_type(dir.path()).is_some(), "statfs answers for a folder that is there");
        assert_eq!(f_type(&dir.path().join("no/such")), None);
        if std::env::var_os("RI_CHASE_TEST_FS_MAGIC").is_none() {
            assert_eq!(detect(&dir.path().join("new.sqlite")), None);
        }
    }

    #[test]
    fn the_status_line_fits_80_columns_and_names_the_file_system() {
        for fs in [NetworkFs::Nfs, NetworkFs::Smb, NetworkFs::NineP, NetworkFs::Afs] {
            let line = status_line(fs);
            assert!(line.chars().count() <= 80, "{line}");
            assert!(line.contains(fs.name().split(' ').next().expect("a word")), "{line}");
            let said = warning(Path::new("/srv/team/ri-chase.sqlite"), fs);
            assert!(said.contains("/srv/team/ri-chase.sqlite") && said.contains(fs.name()), "{said}");
        }
    }
}
