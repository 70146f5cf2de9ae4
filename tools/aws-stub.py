#!/usr/bin/env python3
"""The AWS API, as far as an offline `terraform plan` of the fixtures needs it
(tools/regen-tf-fixtures.sh), so that their Terraform sources need no test-only provider
settings:
- STS GetCallerIdentity, which the AWS provider 5.x calls when it configures itself (account
  111122223333);
- for an aws_route53_zone data source: ListHostedZones, GetHostedZone, the zone's NS record set
  and ListTagsForResource, from a JSON list of zones
  [{"id": "Z...", "name": "example.com", "private": true, "name_servers": [...],
    "vpcs": [{"region": "eu-west-1", "id": "vpc-..."}]}];
- for an aws_acm_certificate data source or an `import` of an aws_acm_certificate: ACM
  ListCertificates, DescribeCertificate, GetCertificate and ListTagsForCertificate, from a JSON
  list of certificates as DescribeCertificate returns them (CertificateDetail: CertificateArn,
  DomainName, SubjectAlternativeNames, Status, Type, ...; timestamps as epoch seconds), each
  with an optional "Pem" (what GetCertificate returns for an ISSUED certificate).
Usage: aws-stub.py PORT [ZONES_JSON [CERTIFICATES_JSON]]. The provider finds it through
AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_ROUTE_53 and AWS_ENDPOINT_URL_ACM=http://127.0.0.1:PORT."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from xml.sax.saxutils import escape

NS = "https://route53.amazonaws.com/doc/2013-04-01/"
ZONES = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else []
CERTIFICATES = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else []
CALLER = ('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
          "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/certlint-fixtures</Arn>"
          "<UserId>AIDACERTLINTFIXTURES</UserId><Account>111122223333</Account>"
          "</GetCallerIdentityResult><ResponseMetadata>"
          "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
          "</GetCallerIdentityResponse>")


def zone_xml(z):
    return ("<HostedZone><Id>/hostedzone/{id}</Id><Name>{name}.</Name>"
            "<CallerReference>{ref}</CallerReference><Config><Comment>{comment}</Comment>"
            "<PrivateZone>{private}</PrivateZone></Config>"
            "<ResourceRecordSetCount>{count}</ResourceRecordSetCount></HostedZone>").format(
        id=z["id"], name=escape(z["name"]), ref=escape(z.get("caller_reference", "x")),
        comment=escape(z.get("comment", "")), private=str(z["private"]).lower(),
        count=z.get("record_count", 2))


class Handler(BaseHTTPRequestHandler):
    def reply(self, body, status=200):
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def reply_json(self, obj, status=200):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def acm(self, operation, request):  # ACM (a JSON 1.1 API)
        def find():
            for c in CERTIFICATES:
                if c["CertificateArn"] == request.get("CertificateArn"):
                    return c
            return None
        if operation == "ListCertificates":
            statuses = request.get("CertificateStatuses") or []
            summaries = [{k: c[k] for k in ("CertificateArn", "DomainName", "Status", "Type",
                                            "KeyAlgorithm", "InUse", "RenewalEligibility",
                                            "NotBefore", "NotAfter", "CreatedAt", "IssuedAt")
                          if k in c}
                         for c in CERTIFICATES if not statuses or c.get("Status") in statuses]
            return self.reply_json({"CertificateSummaryList": summaries})
        cert = find()
        if cert is None:
            return self.reply_json({"__type": "ResourceNotFoundException",
                                    "message": "not in the stub"}, 400)
        if operation == "DescribeCertificate":
            return self.reply_json({"Certificate": {k: v for k, v in cert.items() if k != "Pem"}})
        if operation == "GetCertificate" and "Pem" in cert:
            return self.reply_json({"Certificate": cert["Pem"]})
        if operation == "ListTagsForCertificate":
            return self.reply_json({"Tags": []})
        self.reply_json({"__type": "InvalidAction", "message": "not in the stub"}, 400)

    def do_POST(self):  # STS (a form-encoded query API), ACM (JSON)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        target = self.headers.get("X-Amz-Target", "")
        if target.startswith("CertificateManager."):
            sys.stderr.write(f"stub: {target} {body}\n")
            return self.acm(target.split(".", 1)[1], json.loads(body or "{}"))
        sys.stderr.write(f"stub: POST {body}\n")
        if "Action=GetCallerIdentity" in body:
            return self.reply(CALLER)
        self.reply('<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>'
                   "<Message>not in the stub</Message></Error></ErrorResponse>", 400)

    def do_GET(self):
        path = self.path.split("?")[0]
        sys.stderr.write(f"stub: GET {self.path}\n")
        if path == "/2013-04-01/hostedzone":
            zones = "".join(zone_xml(z) for z in ZONES)
            return self.reply(f'<ListHostedZonesResponse xmlns="{NS}"><HostedZones>{zones}'
                              "</HostedZones><IsTruncated>false</IsTruncated>"
                              "<MaxItems>100</MaxItems></ListHostedZonesResponse>")
        for z in ZONES:
            if path == f"/2013-04-01/hostedzone/{z['id']}":
                if z["private"]:
                    extra = "<VPCs>" + "".join(
                        f"<VPC><VPCRegion>{v['region']}</VPCRegion><VPCId>{v['id']}</VPCId></VPC>"
                        for v in z.get("vpcs", [])) + "</VPCs>"
                else:
                    extra = ("<DelegationSet><NameServers>" + "".join(
                        f"<NameServer>{n}</NameServer>" for n in z.get("name_servers", [])) +
                        "</NameServers></DelegationSet>")
                return self.reply(f'<GetHostedZoneResponse xmlns="{NS}">{zone_xml(z)}{extra}'
                                  "</GetHostedZoneResponse>")
            if path == f"/2013-04-01/hostedzone/{z['id']}/rrset":  # the zone's NS records
                values = "".join(f"<ResourceRecord><Value>{n}</Value></ResourceRecord>"
                                 for n in z.get("name_servers", []))
                return self.reply(f'<ListResourceRecordSetsResponse xmlns="{NS}">'
                                  "<ResourceRecordSets><ResourceRecordSet>"
                                  f"<Name>{escape(z['name'])}.</Name><Type>NS</Type><TTL>172800</TTL>"
                                  f"<ResourceRecords>{values}</ResourceRecords>"
                                  "</ResourceRecordSet></ResourceRecordSets>"
                                  "<IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
                                  "</ListResourceRecordSetsResponse>")
            if path == f"/2013-04-01/tags/hostedzone/{z['id']}":
                return self.reply(f'<ListTagsForResourceResponse xmlns="{NS}"><ResourceTagSet>'
                                  f"<ResourceType>hostedzone</ResourceType><ResourceId>{z['id']}"
                                  "</ResourceId><Tags/></ResourceTagSet>"
                                  "</ListTagsForResourceResponse>")
        self.reply(f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type>'
                   "<Code>NoSuchHostedZone</Code><Message>not in the stub</Message></Error>"
                   "</ErrorResponse>", 404)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
