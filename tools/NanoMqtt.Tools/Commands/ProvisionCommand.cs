using System.CommandLine;
using System.Security.Cryptography;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Simulation;

namespace NanoMqtt.Tools.Commands;

/// <summary>
/// `nanomqtt provision DEVICE`: a fresh password for the device, its entry in a Mosquitto password_file
/// (hashed by mosquitto_passwd when installed, else with the same PBKDF2-SHA512 `$7$` format), an ACL that
/// confines it to {prefix}/{id}/#, and the device's nf.secrets. The password is never printed unless
/// --show-secret is given.
/// </summary>
public static class ProvisionCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var device = new Argument<string>("device") { Description = "Device id (also its MQTT user name)" };
        var passwordFile = new Option<string>("--password-file") { Description = "Mosquitto password_file to update", DefaultValueFactory = _ => Path.Combine("mosquitto", "passwd") };
        var aclFile = new Option<string>("--acl-file") { Description = "Mosquitto acl_file to update", DefaultValueFactory = _ => Path.Combine("mosquitto", "acl") };
        var secrets = new Option<string>("--secrets") { Description = "The device's nf.secrets to write (default: nf.secrets beside nf.config for the config's own device, else devices/ID/nf.secrets)" };
        var admin = new Option<bool>("--admin") { Description = "An operator account for the nanomqtt CLI: read and write under {prefix}/#, not one device" };
        var show = new Option<bool>("--show-secret") { Description = "Print the new password" };
        var cmd = new Command("provision", "Create a device's broker account: password_file entry, ACL limited to its own topics, and its nf.secrets.")
        {
            device, passwordFile, aclFile, secrets, admin, show
        };

        cmd.SetAction((parse, ct) =>
        {
            string id = parse.GetValue(device);
            if (Topics.CheckSegment(id, "device id") is string problem)
            {
                throw new CliException(ExitCodes.BadArgument, problem);
            }

            string configPath = parse.GetValue(common.Config) ?? (File.Exists("nf.config") ? "nf.config" : null);
            ConfigDocument config = configPath != null && File.Exists(configPath) ? CommonOptions.ReadConfig(configPath) : null;
            string prefix = parse.GetValue(common.Prefix) ?? config?.Get("device", "prefix") ?? Topics.DefaultPrefix;
            if (Topics.CheckSegment(prefix, "--prefix") is string prefixProblem)
            {
                throw new CliException(ExitCodes.BadArgument, prefixProblem);
            }

            bool isAdmin = parse.GetValue(admin);
            string secretsPath = parse.GetValue(secrets);
            if (secretsPath == null)
            {
                string configDir = configPath != null ? Path.GetDirectoryName(Path.GetFullPath(configPath)) : Directory.GetCurrentDirectory();
                secretsPath = config != null && config.Get("device", "id") == id
                    ? Path.Combine(configDir, "nf.secrets")
                    : Path.Combine(configDir, "devices", id, "nf.secrets");
            }

            string password = NewPassword();
            string pwFile = parse.GetValue(passwordFile);
            string acl = parse.GetValue(aclFile);
            string how;
            try
            {
                string line = HashedEntry(env, id, password, out how);
                WritePasswordEntry(pwFile, id, line);
                WriteAcl(acl, id, isAdmin ? prefix + "/#" : prefix + "/" + id + "/#");
                WriteSecrets(secretsPath, password);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.CannotWrite, "cannot write: " + ex.Message);
            }

            env.Out.WriteLine("Provisioned " + id + (isAdmin ? " (operator: " + prefix + "/#)" : " (may only use " + prefix + "/" + id + "/#)") + ":");
            env.Out.WriteLine("  password_file " + Path.GetFullPath(pwFile) + " (" + how + ")");
            env.Out.WriteLine("  acl_file      " + Path.GetFullPath(acl));
            env.Out.WriteLine("  secrets       " + Path.GetFullPath(secretsPath));
            if (parse.GetValue(show))
            {
                env.Out.WriteLine("  password      " + password);
            }
            else
            {
                env.Out.WriteLine("  The password is in the secrets file only; add --show-secret to print it.");
            }

            if (config != null && config.Get("device", "id") == id && config.Get("mqtt", "user") != id)
            {
                env.Out.WriteLine("  Set `user = " + id + "` in the [mqtt] section of " + configPath + ".");
            }

            env.Out.WriteLine("  Mosquitto needs: password_file " + Path.GetFullPath(pwFile) + ", acl_file " + Path.GetFullPath(acl) +
                ", allow_anonymous false (reload it with SIGHUP).");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>24 random bytes, base64url: 32 characters, no padding, safe in an INI file.</summary>
    public static string NewPassword()
    {
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The `id:hash` line; by mosquitto_passwd when present (fed through a private temp file, never argv).</summary>
    public static string HashedEntry(CliEnv env, string id, string password, out string how)
    {
        string tool = env.FindMosquittoPasswd();
        if (tool != null)
        {
            string temp = Path.Combine(Path.GetTempPath(), "nanomqtt-pw-" + Guid.NewGuid().ToString("N"));
            try
            {
                File.WriteAllText(temp, "");
                Restrict(temp);
                File.WriteAllText(temp, id + ":" + password + "\n");
                if (Tooling.Run(tool, new[] { "-U", temp }, null, out string output) == 0)
                {
                    string line = File.ReadAllLines(temp).FirstOrDefault(l => l.StartsWith(id + ":", StringComparison.Ordinal));
                    if (line != null && line != id + ":" + password)
                    {
                        how = "hashed by " + tool;
                        return line;
                    }
                }

                env.Err.WriteLine("nanomqtt: mosquitto_passwd failed (" + output.Trim() + "); hashing the entry itself");
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            env.Err.WriteLine("nanomqtt: mosquitto_passwd not found; writing the entry with nanomqtt's own PBKDF2-SHA512 hash (Mosquitto 2's $7$ format)");
        }

        how = "hashed by nanomqtt, $7$ PBKDF2-SHA512";
        return id + ":" + MosquittoHash(password);
    }

    /// <summary>Mosquitto 2's password hash: $7$iterations$base64(salt)$base64(PBKDF2-HMAC-SHA512(password, salt, 101, 64)).</summary>
    public static string MosquittoHash(string password, byte[] salt = null, int iterations = 101)
    {
        salt ??= RandomNumberGenerator.GetBytes(12);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, 64);
        return "$7$" + iterations + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    public static void WritePasswordEntry(string path, string id, string line)
    {
        List<string> lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : new List<string>();
        lines.RemoveAll(l => l.StartsWith(id + ":", StringComparison.Ordinal));
        lines.Add(line);
        WritePrivate(path, string.Join("\n", lines) + "\n");
    }

    /// <summary>Replaces the user's block in the ACL file (from `user ID` to the next `user`/`pattern` line).</summary>
    public static void WriteAcl(string path, string id, string topic)
    {
        List<string> lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : new List<string> { "# Written by nanomqtt provision: each device may only use its own topics." };
        var kept = new List<string>();
        bool skipping = false;
        foreach (string line in lines)
        {
            string t = line.Trim();
            if (t.StartsWith("user ", StringComparison.Ordinal) || t.StartsWith("pattern ", StringComparison.Ordinal))
            {
                skipping = t == "user " + id;
                if (skipping && kept.Count > 0 && kept[^1] == "# nanomqtt: " + id)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        while (kept.Count > 0 && kept[^1].Trim().Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        kept.Add("");
        kept.Add("# nanomqtt: " + id);
        kept.Add("user " + id);
        kept.Add("topic readwrite " + topic);
        WritePrivate(path, string.Join("\n", kept) + "\n");
    }

    /// <summary>Sets [mqtt] password in the device's nf.secrets, keeping every other line (the Wi-Fi password).</summary>
    public static void WriteSecrets(string path, string password)
    {
        List<string> lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : new List<string> { "# Secrets of this device: never commit this file." };
        int mqtt = lines.FindIndex(l => l.Trim() == "[mqtt]");
        if (mqtt < 0)
        {
            lines.Add("[mqtt]");
            lines.Add("password = " + password);
        }
        else
        {
            int end = lines.FindIndex(mqtt + 1, l => l.TrimStart().StartsWith('['));
            end = end < 0 ? lines.Count : end;
            int existing = lines.FindIndex(mqtt + 1, end - mqtt - 1, l => l.Split('=')[0].Trim() == "password");
            if (existing >= 0)
            {
                lines[existing] = "password = " + password;
            }
            else
            {
                lines.Insert(mqtt + 1, "password = " + password);
            }
        }

        WritePrivate(path, string.Join("\n", lines) + "\n");
    }

    private static void WritePrivate(string path, string text)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(dir);
        string temp = path + ".tmp";
        File.WriteAllText(temp, "");
        Restrict(temp);
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
