namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// A text file replaced so that a reset at any point leaves the old text or the new one, never half
    /// of one and never none. A write goes to {path}.tmp, which is renamed to {path}.swap once complete;
    /// then {path} is deleted and {path}.swap renamed to it. So {path}.swap, when present, is always whole,
    /// and {path}.tmp may not be. Read (and the next Write) finish an interrupted swap first.
    /// </summary>
    public sealed class DurableFile
    {
        public const string StagingSuffix = ".tmp";
        public const string CompleteSuffix = ".swap";

        /// <summary>The earlier firmware's one temporary file: written in place, then swapped in.</summary>
        public const string LegacySuffix = ".new";

        private readonly IFileOps _files;

        public DurableFile(IFileOps files)
        {
            _files = files;
        }

        /// <summary>The file's text after recovering an interrupted write, or null when there is none. May throw.</summary>
        public string Read(string path)
        {
            Recover(path);
            return _files.Exists(path) ? _files.ReadAllText(path) : null;
        }

        /// <summary>Replaces the text. May throw; whatever it leaves behind, Read returns the old or the new text.</summary>
        public void Write(string path, string text)
        {
            Recover(path);
            string staging = path + StagingSuffix;
            _files.WriteAllText(staging, text);
            _files.Move(staging, path + CompleteSuffix);
            // The new text is whole in {path}.swap: swapping it in is the recovery of a reset at this point.
            Recover(path);
        }

        /// <summary>
        /// Finishes or drops an interrupted write: a whole {path}.new replaces {path} (the reset came after
        /// it was complete); a {path}.tmp may be partial and is deleted.
        /// </summary>
        public void Recover(string path)
        {
            string staging = path + StagingSuffix;
            string complete = path + CompleteSuffix;
            if (_files.Exists(complete))
            {
                if (_files.Exists(path))
                {
                    _files.Delete(path);
                }

                _files.Move(complete, path);
            }

            if (_files.Exists(staging))
            {
                _files.Delete(staging);
            }

            // The earlier firmware deleted {path} only after {path}.new was written: without {path} it is
            // whole; beside {path} it may be partial.
            string legacy = path + LegacySuffix;
            if (_files.Exists(legacy))
            {
                if (_files.Exists(path))
                {
                    _files.Delete(legacy);
                }
                else
                {
                    _files.Move(legacy, path);
                }
            }
        }
    }
}
