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
"""Immutable records: the value objects of the policy layer.

A :class:`Record` subclass declares its fields in ``__slots__`` and gets
the behaviour of a frozen dataclass from generic methods, with no code
generated at import (why: see the contributor design page)::

    class Point(Record):
        __slots__ = ('x', 'y', 'label')
        _defaults = {'label': None}
        _uncompared = ('label',)

* the constructor takes the fields by position or by keyword, in the
  order of ``__slots__``; ``_defaults`` gives the optional ones (they
  follow the required ones) and ``_factories`` the optional ones built
  afresh for each record (``{'evidence': dict}``);
* a record is immutable: setting or deleting an attribute raises
  :class:`AttributeError`;
* two records are equal when they are of the same class and their
  compared fields are equal; ``_uncompared`` names the fields left out of
  equality and of the hash;
* :func:`repr` names every field but those in ``_unshown``;
* :meth:`Record.replace` and :func:`fields` stand for
  :func:`dataclasses.replace` and :func:`dataclasses.fields`.
"""

import operator


def _getter(names):
    """A function of a record giving the tuple of its fields ``names``."""
    if len(names) == 1:
        single = operator.attrgetter(names[0])
        return lambda record: (single(record),)
    if not names:
        return lambda record: ()
    return operator.attrgetter(*names)


class Record:
    """Base of the immutable records (see the module's documentation)."""

    __slots__ = ()

    #: The fields, in constructor order (set from ``__slots__``).
    _fields = ()
    #: ``{field: value}`` of the optional fields.
    _defaults = {}
    #: ``{field: callable}`` of the optional fields built per record.
    _factories = {}
    #: Fields left out of equality and of the hash.
    _uncompared = ()
    #: Fields left out of :func:`repr`.
    _unshown = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names = cls._fields + tuple(cls.__dict__.get('__slots__', ()))
        optional = set(cls._defaults) | set(cls._factories)
        unknown = (optional | set(cls._uncompared) |
                   set(cls._unshown)) - set(names)
        if unknown:
            raise TypeError('%s: no such field: %s'
                            % (cls.__name__, ', '.join(sorted(unknown))))
        required = [name for name in names if name not in optional]
        if tuple(required) != names[:len(required)]:
            raise TypeError('%s: a required field follows an optional one'
                            % cls.__name__)
        cls._fields = names
        cls._key = staticmethod(_getter(tuple(
            name for name in names if name not in cls._uncompared)))
        cls._values = staticmethod(_getter(names))
        cls._shown = tuple(name for name in names
                           if name not in cls._unshown)
        cls._setters = tuple((name, getattr(cls, name).__set__)
                             for name in names)

    def __init__(self, *args, **kwargs):
        if args:
            kwargs = self._with_positional(args, kwargs)
        defaults = self._defaults
        used = 0
        for name, setter in self._setters:
            if name in kwargs:
                setter(self, kwargs[name])
                used += 1
            elif name in defaults:
                setter(self, defaults[name])
            elif name in self._factories:
                setter(self, self._factories[name]())
            else:
                raise TypeError('%s missing the argument %r'
                                % (type(self).__name__, name))
        if used != len(kwargs):
            raise TypeError('%s got unexpected arguments: %s' % (
                type(self).__name__,
                ', '.join(sorted(set(kwargs) - set(self._fields)))))

    def _with_positional(self, args, kwargs):
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError('%s takes at most %d arguments (%d given)'
                            % (type(self).__name__, len(fields), len(args)))
        merged = dict(zip(fields, args))
        repeated = set(merged) & set(kwargs)
        if repeated:
            raise TypeError('%s got multiple values for %s' % (
                type(self).__name__, ', '.join(sorted(repeated))))
        merged.update(kwargs)
        return merged

    def __setattr__(self, name, value):
        raise AttributeError('cannot assign to field %r of an immutable %s'
                             % (name, type(self).__name__))

    def __delattr__(self, name):
        raise AttributeError('cannot delete field %r of an immutable %s'
                             % (name, type(self).__name__))

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key(self) == other._key(other)

    def __hash__(self):
        return hash(self._key(self))

    def __repr__(self):
        return '%s(%s)' % (type(self).__qualname__, ', '.join(
            '%s=%r' % (name, getattr(self, name)) for name in self._shown))

    def __reduce__(self):
        return (type(self), self._values(self))

    def replace(self, **changes):
        """A copy of the record with the given fields changed.

        :raises TypeError: a name is not a field of the record
        """
        values = dict(zip(self._fields, self._values(self)))
        values.update(changes)
        if len(values) != len(self._fields):
            raise TypeError('%s has no field %s' % (
                type(self).__name__,
                ', '.join(sorted(set(changes) - set(self._fields)))))
        return type(self)(**values)


def fields(record):
    """The field names of a record or a record class, in order."""
    return record._fields
