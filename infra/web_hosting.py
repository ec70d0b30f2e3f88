"""web/ in production: a private S3 bucket behind CloudFront. A CloudFront Function answers
/config.js with the four API base URLs (the stack's parameters), so the same files serve every
stage, and opens a folder's index.html as the local gateway does (infra/local/static.py)."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infra import resources as r
from infra.local.static import SECURITY_HEADERS, TYPES, WEB_ROOT

API_PARAMETERS = {service: f"{service.capitalize()}ApiUrl" for service in r.SERVICES}
# CloudFront's managed "CachingOptimized" policy: gzip and brotli, query strings not in the key.
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"

# cloudfront-js-2.0; `${…}` are the stack's parameters (Fn::Sub), so no JS template literals.
FUNCTION_CODE = """var CONFIG = 'export const apis = { __APIS__ };\\n';

function query(qs) {
  var parts = [];
  for (var key in qs) {
    parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(qs[key].value));
  }
  return parts.length ? '?' + parts.join('&') : '';
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/config.js') {
    return {
      statusCode: 200,
      statusDescription: 'OK',
      headers: {
        'content-type': { value: 'text/javascript; charset=utf-8' },
        'cache-control': { value: 'no-cache' }
      },
      body: CONFIG
    };
  }
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: uri + '/' + query(request.querystring) } }
    };
  }
  return request;
}
""".replace(
    "__APIS__", ", ".join(f'{service}: "${{{name}}}"' for service, name in API_PARAMETERS.items())
)


def parameters() -> dict[str, Any]:
    return {
        name: {
            "Type": "String",
            "Default": "",
            "Description": f"Base URL of the {service} API as the browser calls it "
            "(its API Gateway stage URL, or a custom domain's base path).",
        }
        for service, name in API_PARAMETERS.items()
    }


def resources(bucket: Callable[[str, list[dict[str, Any]]], dict[str, Any]]) -> dict[str, Any]:
    """`bucket(name, lifecycle rules)` is the template's private, encrypted, versioned bucket."""
    csp = SECURITY_HEADERS["Content-Security-Policy"].replace(
        "connect-src 'self'", "connect-src 'self' https:"
    )
    return {
        "WebBucket": bucket(
            r.web_bucket(),
            [
                {
                    "Id": "old-versions",
                    "Status": "Enabled",
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                }
            ],
        ),
        "WebOriginAccessControl": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": f"{r.PREFIX}-web",
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "WebConfigFunction": {
            "Type": "AWS::CloudFront::Function",
            "Properties": {
                "Name": f"{r.PREFIX}-web-config",
                "AutoPublish": True,
                "FunctionConfig": {
                    "Comment": "config.js with the API base URLs; folders open their index.html",
                    "Runtime": "cloudfront-js-2.0",
                },
                "FunctionCode": {"Fn::Sub": FUNCTION_CODE},
            },
        },
        "WebResponseHeaders": {
            "Type": "AWS::CloudFront::ResponseHeadersPolicy",
            "Properties": {
                "ResponseHeadersPolicyConfig": {
                    "Name": f"{r.PREFIX}-web-security",
                    "SecurityHeadersConfig": {
                        "ContentSecurityPolicy": {"ContentSecurityPolicy": csp, "Override": True},
                        "ContentTypeOptions": {"Override": True},
                        "FrameOptions": {"FrameOption": "DENY", "Override": True},
                        "ReferrerPolicy": {"ReferrerPolicy": "same-origin", "Override": True},
                        "StrictTransportSecurity": {
                            "AccessControlMaxAgeSec": 63072000,
                            "IncludeSubdomains": True,
                            "Override": True,
                        },
                    },
                }
            },
        },
        "WebDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Enabled": True,
                    "Comment": "pixcert: the browser apps of web/",
                    "DefaultRootObject": "index.html",
                    "HttpVersion": "http2and3",
                    "PriceClass": "PriceClass_100",
                    "Origins": [
                        {
                            "Id": "web",
                            "DomainName": {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]},
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                            "OriginAccessControlId": {
                                "Fn::GetAtt": ["WebOriginAccessControl", "Id"]
                            },
                        }
                    ],
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "web",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "AllowedMethods": ["GET", "HEAD"],
                        "Compress": True,
                        "CachePolicyId": CACHING_OPTIMIZED,
                        "ResponseHeadersPolicyId": {"Ref": "WebResponseHeaders"},
                        "FunctionAssociations": [
                            {
                                "EventType": "viewer-request",
                                "FunctionARN": {
                                    "Fn::GetAtt": [
                                        "WebConfigFunction",
                                        "FunctionMetadata.FunctionARN",
                                    ]
                                },
                            }
                        ],
                    },
                }
            },
        },
        "WebBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "WebBucket"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "OnlyTheDistributionReads",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${WebBucket}/*"},
                            "Condition": {
                                "StringEquals": {
                                    "AWS:SourceArn": {
                                        "Fn::Sub": "arn:${AWS::Partition}:cloudfront::"
                                        "${AWS::AccountId}:distribution/${WebDistribution}"
                                    }
                                }
                            },
                        }
                    ],
                },
            },
        },
    }


def outputs() -> dict[str, Any]:
    return {
        "WebBucket": {"Value": {"Ref": "WebBucket"}},
        "WebDistribution": {"Value": {"Ref": "WebDistribution"}},
    }


def site_files(root: Path = WEB_ROOT) -> list[tuple[str, Path, str]]:
    """(key, file, content type) of every file the site serves (hidden files left out)."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not any(p.startswith(".") for p in rel.parts):
            kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
            found.append((rel.as_posix(), path, kind or "application/octet-stream"))
    return found


def publish(s3: Any, bucket: str = "", root: Path = WEB_ROOT) -> int:
    """Uploads web/ to the bucket with each file's content type; returns how many files."""
    files = site_files(root)
    for key, path, kind in files:
        s3.put_object(
            Bucket=bucket or r.web_bucket(),
            Key=key,
            Body=path.read_bytes(),
            ContentType=kind,
            CacheControl="no-cache",
        )
    return len(files)
