# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Read a YAML file and remember the line of every mapping and its keys.

PyYAML is imported on the first parse only: the bundled data is compiled
(see :mod:`oslo_messaging_support.data`), so a service that has no
overlay never imports it.  Every parse is bounded: the file's size, the
nesting depth and the number of nodes once aliases are expanded (a small
"billion laughs" file is refused with its line instead of exhausting the
memory of whatever walks the result).
"""

import threading

from oslo_messaging_support import exception
from oslo_messaging_support.readers import bounded

#: The largest YAML file read, in bytes.  The bundled manifest is 14 KB.
MAX_BYTES = 1024 * 1024

#: The deepest nesting of collections accepted (the manifest needs 6).
MAX_DEPTH = 64

#: The most nodes a document may have once its aliases are expanded.
MAX_NODES = 200000

#: The most digits of an integer read (Python itself refuses to convert
#: more than 4300, with a hint meant for programmers).
MAX_INT_DIGITS = 100


class LineMap(dict):
    """A ``dict`` that knows the line of its first key and of each key.

    :ivar line: 1-based line of the mapping
    :ivar key_lines: ``{key: 1-based line}``
    """

    line = None
    key_lines = None


class ExactFloat(float):
    """A YAML float that remembers how it was written (``2025.10``).

    :ivar text: the scalar as it appears in the file
    """

    text = None


def line_of(mapping, key=None):
    """The line of ``key`` in ``mapping``, or of the mapping itself.

    :returns: a 1-based line number, or ``None`` when it is not known
    """
    if not isinstance(mapping, LineMap):
        return None
    if key is not None and mapping.key_lines and key in mapping.key_lines:
        return mapping.key_lines[key]
    return mapping.line


def _make_loader_class():
    import yaml

    class LineLoader(yaml.SafeLoader):
        """A safe, bounded loader that builds :class:`LineMap` objects."""

        def __init__(self, stream):
            super().__init__(stream)
            self._depth = 0
            self._nodes = 0
            self._sizes = {}

        def _refuse(self, problem, mark):
            raise yaml.composer.ComposerError(None, None, problem, mark)

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                node = self.anchors.get(event.anchor)
                if node is not None:
                    size = self._sizes.get(id(node))
                    if size is None:
                        self._refuse('alias *%s is used inside the node it '
                                     'names (a recursive structure)'
                                     % bounded.excerpt(event.anchor),
                                     event.start_mark)
                    self._count(size, event.start_mark)
                return super().compose_node(parent, index)
            self._depth += 1
            if self._depth > MAX_DEPTH:
                self._refuse('nested more than %d levels deep' % MAX_DEPTH,
                             self.peek_event().start_mark)
            before = self._nodes
            node = super().compose_node(parent, index)
            self._depth -= 1
            self._count(1, node.start_mark)
            self._sizes[id(node)] = self._nodes - before
            return node

        def _count(self, size, mark):
            self._nodes += size
            if self._nodes > MAX_NODES:
                self._refuse('more than %d values once aliases are '
                             'expanded (an alias bomb?)' % MAX_NODES, mark)

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        mapping = LineMap()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, 'a mapping key must be a plain value',
                    key_node.start_mark)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key '%s' (first on line %d)"
                    % (bounded.excerpt(key), mapping.key_lines[key]),
                    key_node.start_mark)
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_timestamp(loader, node):
        # An impossible date (2025-02-30) stays a string, so that
        # validation can say which field holds it instead of failing the
        # whole parse.
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    def construct_int(loader, node):
        digits = sum(char.isdigit() for char in node.value)
        if digits > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, 'an integer of %d digits (at most %d are read;'
                ' quote a value that is not a number)'
                % (digits, MAX_INT_DIGITS), node.start_mark)
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    def construct_float(loader, node):
        value = ExactFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
        value.text = loader.construct_scalar(node)
        return value

    LineLoader.add_constructor('tag:yaml.org,2002:int', construct_int)
    LineLoader.add_constructor('tag:yaml.org,2002:float', construct_float)
    LineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    LineLoader.add_constructor('tag:yaml.org,2002:timestamp',
                               construct_timestamp)
    return LineLoader


_loader_lock = threading.Lock()
_loader_class = None


def loader_class():
    """The line-keeping, bounded ``yaml.SafeLoader`` subclass.

    Built, and PyYAML imported, on first use.
    """
    global _loader_class
    with _loader_lock:
        if _loader_class is None:
            _loader_class = _make_loader_class()
        return _loader_class


def __getattr__(name):
    # _LineLoader stays importable (audit/_zuul.py subclasses it).
    if name == '_LineLoader':
        return loader_class()
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


#: The most characters of a YAML parser's message quoted.
_PROBLEM_CHARS = 4 * bounded.EXCERPT_CHARS


def parse(text, path, loader=None):
    """Parse a YAML document, its errors made one :class:`ManifestError`.

    :param text: the YAML document
    :param path: the file it came from, for messages
    :param loader: the loader class, :func:`loader_class` by default
    :returns: the document, whatever it holds
    :raises ManifestError: the text is not YAML, or is too deep or too
        large once its aliases are expanded; with the line where known
    """
    import yaml
    loader = loader or loader_class()
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 (safe)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        # PyYAML's problem may quote the document (a tag, a character).
        problem = bounded.excerpt(exc.problem or str(exc), _PROBLEM_CHARS)
        raise exception.ManifestError(
            'not valid YAML: %s' % problem, path=path, line=line) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise exception.ManifestError(
            'not valid YAML: %s' % bounded.excerpt(exc, _PROBLEM_CHARS),
            path=path) from None
    except RecursionError:  # pragma: no cover (MAX_DEPTH comes first)
        raise exception.ManifestError(
            'not valid YAML: nested too deeply', path=path) from None


def load_text(text, path, loader=None):
    """Parse YAML text that must hold one mapping.

    :param text: the YAML document
    :param path: the file it came from, for messages
    :param loader: the loader class, :func:`loader_class` by default
    :returns: a :class:`LineMap`
    :raises ManifestError: the text is not YAML (see :func:`parse`), or
        is not a mapping
    """
    data = parse(text, path, loader)
    if not isinstance(data, dict):
        raise exception.ManifestError(
            'the file must hold a YAML mapping, not %s'
            % _kind(data), path=path, line=1)
    return data


def read_file(path, limit=MAX_BYTES, what='manifest file'):
    """The UTF-8 text of a YAML file, read through :mod:`bounded`.

    :raises ManifestError: the path holds a NUL byte, or the file is
        missing, not a regular file, larger than ``limit``, unreadable or
        not UTF-8 text
    """
    try:
        data = bounded.read_bytes(path, limit, what)
    except exception.InputFileError as exc:
        raise exception.ManifestError(exc.problem, path=path,
                                      line=exc.line) from None
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        raise exception.ManifestError(
            'not a UTF-8 text file', path=path) from None


def load_file(path, limit=MAX_BYTES):
    """Read and parse a YAML file that must hold one mapping.

    :param path: the file's path
    :param limit: the largest size read, in bytes
    :returns: a :class:`LineMap`
    :raises ManifestError: the file cannot be read (see
        :func:`read_file`), is not YAML, or is not a mapping
    """
    return load_text(read_file(path, limit), path)


def _kind(value):
    if value is None:
        return 'an empty document'
    if isinstance(value, list):
        return 'a list'
    if isinstance(value, str):
        return 'a string'
    name = type(value).__name__
    article = 'an' if name[0] in 'aeiou' else 'a'
    return '%s %s' % (article, name)
