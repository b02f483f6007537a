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
"""Read a YAML file and remember the line of every mapping and its keys."""

import os
import stat

import yaml

from oslo_messaging_support import exception


class LineMap(dict):
    """A ``dict`` that knows the line of its first key and of each key.

    :ivar line: 1-based line of the mapping
    :ivar key_lines: ``{key: 1-based line}``
    """

    line = None
    key_lines = None


class _LineLoader(yaml.SafeLoader):
    """A safe loader that builds :class:`LineMap` objects."""


def _construct_mapping(loader, node):
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
                % (key, mapping.key_lines[key]), key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader, node):
    # An impossible date (2025-02-30) stays a string, so that validation
    # can say which field holds it instead of failing the whole parse.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class ExactFloat(float):
    """A YAML float that remembers how it was written (``2025.10``).

    :ivar text: the scalar as it appears in the file
    """

    text = None


def _construct_float(loader, node):
    value = ExactFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    value.text = loader.construct_scalar(node)
    return value


_LineLoader.add_constructor('tag:yaml.org,2002:float', _construct_float)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor('tag:yaml.org,2002:timestamp',
                            _construct_timestamp)


def line_of(mapping, key=None):
    """The line of ``key`` in ``mapping``, or of the mapping itself.

    :returns: a 1-based line number, or ``None`` when it is not known
    """
    if not isinstance(mapping, LineMap):
        return None
    if key is not None and mapping.key_lines and key in mapping.key_lines:
        return mapping.key_lines[key]
    return mapping.line


def load_text(text, path):
    """Parse YAML text that must hold one mapping.

    :param text: the YAML document
    :param path: the file it came from, for messages
    :returns: a :class:`LineMap`
    :raises ManifestError: the text is not YAML, or not a mapping
    """
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (safe)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        raise exception.ManifestError(
            'not valid YAML: %s' % problem, path=path, line=line) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise exception.ManifestError(
            'not valid YAML: %s' % exc, path=path) from None
    if not isinstance(data, dict):
        raise exception.ManifestError(
            'the file must hold a YAML mapping, not %s'
            % _kind(data), path=path, line=1)
    return data


def load_file(path):
    """Read and parse a YAML file that must hold one mapping.

    :param path: the file's path
    :returns: a :class:`LineMap`
    :raises ManifestError: the file cannot be read, is not YAML, or is not
        a mapping
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                raise exception.ManifestError(
                    'is not a regular file (a FIFO, socket or device cannot '
                    'be read as YAML)', path=path)
            os.set_blocking(descriptor, True)
            with os.fdopen(descriptor, encoding='utf-8') as stream:
                descriptor = None
                text = stream.read()
        finally:
            if descriptor is not None:
                os.close(descriptor)
    except IsADirectoryError:
        raise exception.ManifestError(
            'is a directory, not a file', path=path) from None
    except FileNotFoundError:
        raise exception.ManifestError(
            'no such file', path=path) from None
    except UnicodeDecodeError:
        raise exception.ManifestError(
            'not a UTF-8 text file', path=path) from None
    except OSError as exc:
        raise exception.ManifestError(
            'cannot be read: %s' % (exc.strerror or exc), path=path) from None
    return load_text(text, path)


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
