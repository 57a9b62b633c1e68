"""The city's kecamatan and kelurahan, for a report's optional location (public)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from services.consultation.domain.areas import KECAMATAN, KELURAHAN_CONFIRMED
from shared.web.api_blueprint import ApiBlueprint

blp = ApiBlueprint("areas", __name__, url_prefix="/api/v1/areas", description="Kecamatan and kelurahan")


class KelurahanSchema(Schema):
    key = fields.String()
    name = fields.String()


class KecamatanSchema(Schema):
    key = fields.String()
    name = fields.String()
    kelurahan = fields.List(fields.Nested(KelurahanSchema))


class AreasSchema(Schema):
    kecamatan = fields.List(fields.Nested(KecamatanSchema))
    kelurahan_confirmed = fields.Boolean(metadata={"description": "false: the kelurahan list is demo data"})


@blp.route("")
class Areas(MethodView):
    @blp.response(200, AreasSchema)
    def get(self):
        """The kecamatan and their kelurahan that a report may name"""
        return {"kecamatan": [{"key": k.key, "name": k.name,
                               "kelurahan": [{"key": key, "name": name} for key, name in k.kelurahan]}
                              for k in KECAMATAN], "kelurahan_confirmed": KELURAHAN_CONFIRMED}
