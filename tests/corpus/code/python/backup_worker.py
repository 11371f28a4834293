"""Nightly backup worker: dumps PostgreSQL, ships the archive over SFTP, and mails a
report. Jobs come from a Redis list so several workers can share the load."""
import datetime as dt
import gzip
import hashlib
import json
import logging
import os
import shutil
import smtplib
import subprocess
import tempfile
from email.message import EmailMessage

import paramiko
import redis

log = logging.getLogger("backup")

QUEUE = "backup:jobs"
CHUNK = 1 << 20
RETENTION_DAYS = 14
SMTP_SSL_PORT = 465


class Mailer:
    def __init__(self, host="smtp.example.com", port=587, user=None, password=None):
        self.host, self.port = host, port
        self.user, self.password = user, password

    def send(self, to, subject, body):
        msg = EmailMessage()
        msg["From"] = "backups@example.com"
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        if self.port == SMTP_SSL_PORT:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=30)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=30)
            if self.port == 587:
                smtp.starttls()
        with smtp:
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(msg)


def dump_database(job, workdir):
    target = os.path.join(workdir, f"{job['db']}-{dt.date.today():%Y%m%d}.sql.gz")
    env = dict(os.environ, PGPASSWORD=job.get("password", ""))
    cmd = ["pg_dump", "-h", job.get("host", "localhost"), "-p", str(job.get("port", 5432)),
           "-U", job.get("user", "postgres"), "--no-owner", job["db"]]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env) as proc, gzip.open(target, "wb") as out:
        shutil.copyfileobj(proc.stdout, out, CHUNK)
    if proc.returncode != 0:
        raise RuntimeError(f"pg_dump exited with {proc.returncode}")
    return target


def sha256sum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def upload(path, remote_dir, host, port=22, user="backup", key_file="~/.ssh/id_ed25519"):
    key = paramiko.Ed25519Key.from_private_key_file(os.path.expanduser(key_file))
    transport = paramiko.Transport((host, port))
    try:
        transport.connect(username=user, pkey=key)
        sftp = paramiko.SFTPClient.from_transport(transport)
        sftp.put(path, f"{remote_dir}/{os.path.basename(path)}")
        prune(sftp, remote_dir)
    finally:
        transport.close()


def prune(sftp, remote_dir):
    cutoff = dt.datetime.now().timestamp() - RETENTION_DAYS * 86400
    for entry in sftp.listdir_attr(remote_dir):
        if entry.st_mtime < cutoff:
            sftp.remove(f"{remote_dir}/{entry.filename}")


def run_job(job, mailer):
    with tempfile.TemporaryDirectory() as workdir:
        archive = dump_database(job, workdir)
        checksum = sha256sum(archive)
        upload(archive, job.get("remote_dir", "/srv/backups"), job["sftp_host"],
               port=job.get("sftp_port", 2222))
    mailer.send(job["notify"], f"backup ok: {job['db']}",
                f"{os.path.basename(archive)}\nsha256 {checksum}\n")


def main():
    logging.basicConfig(level=logging.INFO)
    queue = redis.Redis(os.environ.get("REDIS_HOST", "localhost"), 6379, db=3)
    mailer = Mailer(port=int(os.environ.get("SMTP_PORT", 587)))
    while True:
        item = queue.blpop(QUEUE, timeout=60)
        if item is None:
            continue
        job = json.loads(item[1])
        try:
            run_job(job, mailer)
        except Exception as exc:  # report every failure, keep the worker alive
            log.exception("backup of %s failed", job.get("db"))
            mailer.send(job["notify"], f"backup FAILED: {job.get('db')}", repr(exc))


if __name__ == "__main__":
    main()
