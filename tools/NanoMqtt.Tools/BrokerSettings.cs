using System.CommandLine;
using System.Globalization;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Simulation;

namespace NanoMqtt.Tools;

/// <summary>The options every command takes (recursive on the root command).</summary>
public sealed class CommonOptions
{
    public readonly Option<string> Broker = new Option<string>("--broker", "-b")
    {
        Description = "Broker as host:port (default: the first of nf.config's [mqtt] brokers, else 127.0.0.1:1883)",
        Recursive = true
    };

    public readonly Option<string> User = new Option<string>("--user", "-u") { Description = "MQTT user name", Recursive = true };

    public readonly Option<string> Password = new Option<string>("--password", "-P")
    {
        Description = "MQTT password (default: nf.secrets [mqtt] password when --user is the config's user)",
        Recursive = true
    };

    public readonly Option<bool> Tls = new Option<bool>("--tls") { Description = "Connect with TLS", Recursive = true };

    public readonly Option<string> Ca = new Option<string>("--ca") { Description = "PEM file of the CA that signed the broker's certificate (implies --tls)", Recursive = true };

    public readonly Option<string> Prefix = new Option<string>("--prefix") { Description = "Topic prefix (default: nf.config [device] prefix, else nanomqtt)", Recursive = true };

    public readonly Option<string> Config = new Option<string>("--config", "-c")
    {
        Description = "Path of nf.config (default: ./nf.config when present)",
        Recursive = true
    };

    public void AddTo(Command root)
    {
        root.Add(Broker);
        root.Add(User);
        root.Add(Password);
        root.Add(Tls);
        root.Add(Ca);
        root.Add(Prefix);
        root.Add(Config);
    }

    /// <summary>Resolves the options against nf.config; a bad value is a <see cref="CliException"/>.</summary>
    public BrokerSettings Resolve(ParseResult parse)
    {
        string configPath = parse.GetValue(Config);
        ConfigDocument config = null;
        ConfigDocument secrets = null;
        if (configPath != null && !File.Exists(configPath))
        {
            throw new CliException(ExitCodes.BadConfig, "config file not found: " + configPath);
        }

        configPath ??= File.Exists("nf.config") ? "nf.config" : null;
        if (configPath != null)
        {
            try
            {
                config = ReadConfig(configPath);
                string secretsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", "nf.secrets");
                if (File.Exists(secretsPath))
                {
                    secrets = ReadConfig(secretsPath);
                }
            }
            catch (IOException ex)
            {
                throw new CliException(ExitCodes.BadConfig, "cannot read " + configPath + ": " + ex.Message);
            }
        }

        string broker = parse.GetValue(Broker) ?? config?.Get("mqtt", "brokers")?.Split(',')[0].Trim() ?? "127.0.0.1:1883";
        (string host, int port) = ParseEndpoint(broker, "--broker");
        string ca = parse.GetValue(Ca);
        if (ca != null && !File.Exists(ca))
        {
            throw new CliException(ExitCodes.BadArgument, "--ca: file not found: " + ca);
        }

        string user = parse.GetValue(User);
        string password = parse.GetValue(Password);
        string configUser = config?.Get("mqtt", "user");
        if (password == null && secrets != null && (user == null || user == configUser))
        {
            // The config's own account, as the board uses it; another --user needs its own --password.
            password = secrets.Get("mqtt", "password");
            user ??= password != null ? configUser : null;
        }

        string prefix = parse.GetValue(Prefix) ?? config?.Get("device", "prefix") ?? Topics.DefaultPrefix;
        string problem = Topics.CheckSegment(prefix, "--prefix");
        if (problem != null)
        {
            throw new CliException(ExitCodes.BadArgument, problem);
        }

        return new BrokerSettings
        {
            Host = host,
            Port = port,
            User = user,
            Password = password,
            Tls = parse.GetValue(Tls) || ca != null || (parse.GetValue(Broker) == null && config?.Get("mqtt", "tls") == "true"),
            CaFile = ca,
            Prefix = prefix,
            ConfigPath = configPath,
            Config = config
        };
    }

    /// <summary>nf.config or nf.secrets by the core's parser; a malformed file is a <see cref="CliException"/> naming the file and line, as the board would refuse it.</summary>
    public static ConfigDocument ReadConfig(string path)
    {
        try
        {
            return ConfigFiles.Load(path);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ExitCodes.BadConfig, ex.Message);
        }
    }

    public static (string Host, int Port) ParseEndpoint(string text, string what)
    {
        string host = text.Trim();
        int port = 1883;
        int colon = host.LastIndexOf(':');
        if (colon >= 0 && host.IndexOf(':') == colon)
        {
            if (!int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
            {
                throw new CliException(ExitCodes.BadArgument, what + ": '" + text + "' is not host:port (port 1-65535)");
            }

            host = host[..colon];
        }

        if (host.Length == 0)
        {
            throw new CliException(ExitCodes.BadArgument, what + ": the host is empty");
        }

        return (host, port);
    }
}

/// <summary>Where and how to reach the broker, and the topic prefix.</summary>
public sealed class BrokerSettings
{
    public string Host;
    public int Port;
    public string User;
    public string Password;
    public bool Tls;
    public string CaFile;
    public string Prefix;
    public string ConfigPath;
    public ConfigDocument Config;

    public string Endpoint => Host + ":" + Port;
}
